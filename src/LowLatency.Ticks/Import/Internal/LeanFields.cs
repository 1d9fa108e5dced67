namespace LowLatency.Ticks.Import.Internal;

/// <summary>Allocation-free parsers for LEAN CSV fields (UTF-8 bytes), exact: no double anywhere.</summary>
internal static class LeanFields
{
    // Equity prices are written ×10000; FixedPoint keeps 8 decimals, so ÷10000 is exact when the raw value divides.
    private const long EquityPriceScale = 10_000;

    // Milliseconds stop accumulating past this, so absurd values stay out of range without overflowing ns.
    private const long MillisecondSaturation = 100_000_000_000;

    /// <summary>
    /// Parses <c>digits[.digits]</c> milliseconds to nanoseconds exactly (<c>79200613.0668</c> → 79 200 613 066 800).
    /// Decimals past the sixth are below a nanosecond and are dropped, as LEAN drops those below its 100 ns tick.
    /// </summary>
    public static bool TryParseMillisecondsAsNs(ReadOnlySpan<byte> text, out long nanoseconds)
    {
        nanoseconds = 0;
        long milliseconds = 0;
        int i = 0;
        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                break;
            }

            if (milliseconds < MillisecondSaturation)
            {
                milliseconds = (milliseconds * 10) + digit;
            }
        }

        if (i == 0)
        {
            return false;
        }

        long fractionNs = 0;
        if (i < text.Length && text[i] == '.')
        {
            int first = ++i;
            long digitNs = 100_000;
            for (; i < text.Length; i++)
            {
                uint digit = (uint)(text[i] - '0');
                if (digit > 9)
                {
                    break;
                }

                fractionNs += digit * digitNs;
                digitNs /= 10; // reaches 0 after the sixth decimal: finer digits add nothing
            }

            if (i == first)
            {
                return false;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        nanoseconds = (milliseconds * 1_000_000) + fractionNs;
        return true;
    }

    /// <summary>A non-negative plain decimal with at most 8 decimals (prices of forex, CFD, futures; sizes).</summary>
    public static bool TryParseNonNegative(ReadOnlySpan<byte> text, out FixedPoint value) =>
        FixedPoint.TryParse(text, out value) && value.Raw >= 0;

    /// <summary>A non-negative equity price written ×10000 (<c>1674100</c> → 167.41), divided exactly.</summary>
    public static bool TryParseEquityPrice(ReadOnlySpan<byte> text, out FixedPoint price)
    {
        if (!FixedPoint.TryParse(text, out FixedPoint scaled) || scaled.Raw < 0 || scaled.Raw % EquityPriceScale != 0)
        {
            price = default;
            return false;
        }

        price = FixedPoint.FromRaw(scaled.Raw / EquityPriceScale);
        return true;
    }

    /// <summary>The suspicious flag: <c>1</c> true, <c>0</c> or empty false.</summary>
    public static bool TryParseFlag(ReadOnlySpan<byte> text, out bool flag)
    {
        flag = text.Length == 1 && text[0] == '1';
        return text.IsEmpty || (text.Length == 1 && (text[0] == '0' || text[0] == '1'));
    }

    /// <summary>A sale-condition field: AlgoSeek trade-condition flags as hexadecimal digits (empty = none).</summary>
    public static bool TryParseHexFlags(ReadOnlySpan<byte> text, out ulong flags)
    {
        flags = 0;
        if (text.Length > 16)
        {
            return false;
        }

        foreach (byte c in text)
        {
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            flags = (flags << 4) | (uint)digit;
        }

        return true;
    }
}
