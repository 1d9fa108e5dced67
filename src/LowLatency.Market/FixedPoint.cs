using System.Numerics;
using LowLatency.Market.Internal;

namespace LowLatency.Market;

/// <summary>
/// A signed decimal number with 8 implied decimals stored in one <see cref="long"/>: value = <see cref="Raw"/> / 10^8.
/// Exact for equity prices (4 decimals), FX (5), crypto prices (2) and crypto sizes (8); range about ±92 233 720 368.
/// Parsing and formatting work on digits only, never through double, and do not allocate.
/// </summary>
/// <remarks><c>+</c> and <c>-</c> are unchecked (they wrap on overflow, like <see cref="long"/>); the range is far
/// beyond any price or size, and aggregates that can grow (notional, cumulative volume) use <see cref="Int128"/>.</remarks>
public readonly record struct FixedPoint : IComparable<FixedPoint>, IComparable, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>Number of implied decimals.</summary>
    public const int Decimals = 8;

    /// <summary>Raw units per 1.0.</summary>
    public const long Scale = 100_000_000;

    // sign + 11 integer digits + '.' + 8 decimals.
    private const int MaxFormattedLength = 21;

    // Largest integer part of any representable value (|long.MinValue| / Scale rounded up).
    private const ulong MaxIntegerPart = 92_233_720_369;

    private FixedPoint(long raw) => Raw = raw;

    /// <summary>The scaled integer: value × 10^8.</summary>
    public long Raw { get; }

    public static FixedPoint Zero => default;

    public static FixedPoint MinValue => new(long.MinValue);

    public static FixedPoint MaxValue => new(long.MaxValue);

    // An array, not a ReadOnlySpan property over constant data: unoptimized (Debug) code builds that span through
    // RuntimeHelpers.CreateSpan, which allocates on every parse; optimized, both are a constant address.
    private static readonly ulong[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    public static FixedPoint FromRaw(long raw) => new(raw);

    /// <summary>Converts a whole number; throws <see cref="OverflowException"/> outside the range.</summary>
    public static FixedPoint FromInt(long value) => new(checked(value * Scale));

    /// <summary>Converts exactly; throws when <paramref name="value"/> has more than 8 decimals or is out of range.</summary>
    public static FixedPoint FromDecimal(decimal value)
    {
        decimal scaled = value * Scale;
        if (scaled != decimal.Truncate(scaled))
        {
            ThrowHelper.ThrowArgument(nameof(value), "The value has more than 8 decimals and cannot be represented exactly.");
        }

        if (scaled < long.MinValue || scaled > long.MaxValue)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "The value is outside the FixedPoint range.");
        }

        return new((long)scaled);
    }

    /// <summary>Exact conversion (decimal carries the 8 decimals as its scale, so 150.25 becomes 150.25000000).</summary>
    public decimal ToDecimal() => ScaledDecimal.ToDecimal(Raw, Decimals);

    /// <summary>Nearest double: for display and statistics only, never for arithmetic that must be exact.</summary>
    public double ToDouble() => (double)Raw / Scale;

    public int CompareTo(FixedPoint other) => Raw.CompareTo(other.Raw);

    public int CompareTo(object? obj)
    {
        if (obj is FixedPoint other)
        {
            return Raw.CompareTo(other.Raw);
        }

        if (obj is not null)
        {
            ThrowHelper.ThrowArgument(nameof(obj), "Object must be of type FixedPoint.");
        }

        return 1;
    }

    public static bool operator <(FixedPoint left, FixedPoint right) => left.Raw < right.Raw;

    public static bool operator >(FixedPoint left, FixedPoint right) => left.Raw > right.Raw;

    public static bool operator <=(FixedPoint left, FixedPoint right) => left.Raw <= right.Raw;

    public static bool operator >=(FixedPoint left, FixedPoint right) => left.Raw >= right.Raw;

    public static FixedPoint operator +(FixedPoint left, FixedPoint right) => new(left.Raw + right.Raw);

    public static FixedPoint operator -(FixedPoint left, FixedPoint right) => new(left.Raw - right.Raw);

    public static FixedPoint operator -(FixedPoint value) => new(-value.Raw);

    /// <summary>Parses a plain decimal (<c>[+|-]digits[.digits]</c>, at most 8 decimals); throws <see cref="FormatException"/>.</summary>
    public static FixedPoint Parse(ReadOnlySpan<char> text)
    {
        if (!TryParseCore(text, out FixedPoint result))
        {
            ThrowHelper.ThrowFormat("Expected a plain decimal with at most 8 decimals within the FixedPoint range.");
        }

        return result;
    }

    /// <summary>UTF-8 overload of <see cref="Parse(ReadOnlySpan{char})"/>.</summary>
    public static FixedPoint Parse(ReadOnlySpan<byte> utf8Text)
    {
        if (!TryParseCore(utf8Text, out FixedPoint result))
        {
            ThrowHelper.ThrowFormat("Expected a plain decimal with at most 8 decimals within the FixedPoint range.");
        }

        return result;
    }

    /// <summary>
    /// Parses <c>[+|-]digits[.digits]</c> (either side of the point may be empty, not both), e.g. <c>168.9</c>,
    /// <c>0.00012345</c>, <c>-1.5</c>. Rejects more than 8 decimals, exponents, whitespace, separators and overflow.
    /// Does not allocate.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out FixedPoint result) => TryParseCore(text, out result);

    /// <summary>UTF-8 overload of <see cref="TryParse(ReadOnlySpan{char}, out FixedPoint)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out FixedPoint result) => TryParseCore(utf8Text, out result);

    /// <summary>Invariant text with only the decimals needed: <c>150.25</c>, <c>100</c>, <c>-0.00012345</c>.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        TryFormatCore(buffer, out int written);
        return new string(buffer[..written]);
    }

    /// <summary>Formats like <see cref="ToString()"/>; format and provider are ignored (the output is always invariant).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes the <see cref="ToString()"/> text without allocating; false when the destination is too small.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten) => TryFormatCore(destination, out charsWritten);

    /// <summary>UTF-8 overload of <see cref="TryFormat(Span{char}, out int)"/>.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten) => TryFormatCore(utf8Destination, out bytesWritten);

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormatCore(destination, out charsWritten);

    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormatCore(utf8Destination, out bytesWritten);

    // One implementation for char and UTF-8 byte: both are IBinaryInteger, and the JIT specializes per value type.
    private static bool TryParseCore<TChar>(ReadOnlySpan<TChar> text, out FixedPoint result)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        result = default;
        int i = 0;
        bool negative = false;
        if (text.Length > 0)
        {
            uint first = uint.CreateTruncating(text[0]);
            if (first == '-')
            {
                negative = true;
                i = 1;
            }
            else if (first == '+')
            {
                i = 1;
            }
        }

        ulong integerPart = 0;
        int integerDigits = 0;
        for (; i < text.Length; i++)
        {
            uint digit = uint.CreateTruncating(text[i]) - '0';
            if (digit > 9)
            {
                break;
            }

            integerPart = (integerPart * 10) + digit;
            if (integerPart > MaxIntegerPart)
            {
                return false; // checked per digit, so the accumulator itself can never wrap
            }

            integerDigits++;
        }

        ulong fraction = 0;
        int fractionDigits = 0;
        if (i < text.Length && uint.CreateTruncating(text[i]) == '.')
        {
            for (i++; i < text.Length; i++)
            {
                uint digit = uint.CreateTruncating(text[i]) - '0';
                if (digit > 9)
                {
                    break;
                }

                if (fractionDigits == Decimals)
                {
                    return false;
                }

                fraction = (fraction * 10) + digit;
                fractionDigits++;
            }
        }

        if (i != text.Length || integerDigits + fractionDigits == 0)
        {
            return false;
        }

        ulong magnitude = (integerPart * Scale) + (fraction * Pow10[Decimals - fractionDigits]);
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (magnitude > limit)
        {
            return false;
        }

        result = new FixedPoint(negative ? (long)(0 - magnitude) : (long)magnitude);
        return true;
    }

    private bool TryFormatCore<TChar>(Span<TChar> destination, out int written)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        long raw = Raw;
        bool negative = raw < 0;
        ulong magnitude = negative ? (ulong)(-(raw + 1)) + 1 : (ulong)raw; // safe for long.MinValue
        ulong integerPart = magnitude / Scale;
        ulong fraction = magnitude % Scale;

        int fractionDigits = 0;
        if (fraction != 0)
        {
            fractionDigits = Decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                fractionDigits--;
            }
        }

        int integerDigits = CountDigits(integerPart);
        int length = (negative ? 1 : 0) + integerDigits + (fractionDigits > 0 ? fractionDigits + 1 : 0);
        if (destination.Length < length)
        {
            written = 0;
            return false;
        }

        int pos = length;
        for (int d = 0; d < fractionDigits; d++)
        {
            destination[--pos] = TChar.CreateTruncating('0' + (uint)(fraction % 10));
            fraction /= 10;
        }

        if (fractionDigits > 0)
        {
            destination[--pos] = TChar.CreateTruncating('.');
        }

        do
        {
            destination[--pos] = TChar.CreateTruncating('0' + (uint)(integerPart % 10));
            integerPart /= 10;
        }
        while (integerPart != 0);

        if (negative)
        {
            destination[0] = TChar.CreateTruncating('-');
        }

        written = length;
        return true;
    }

    private static int CountDigits(ulong value)
    {
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
