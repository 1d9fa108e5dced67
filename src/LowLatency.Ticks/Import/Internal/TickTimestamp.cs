namespace LowLatency.Ticks.Import.Internal;

/// <summary>
/// Parses text timestamps to UTC nanoseconds since the Unix epoch with integer arithmetic only (never double), so
/// nine fractional digits survive exactly. Allocation-free.
/// </summary>
internal static class TickTimestamp
{
    private const long NanosPerSecond = 1_000_000_000;

    // Whole seconds whose nanosecond count still fits in a long (years 1677..2262).
    private const long MaxSeconds = (long.MaxValue / NanosPerSecond) - 1;

    // Epoch magnitudes from 1e11 s, 1e14 ms, 1e17 µs onward would be after the year 5138 in the smaller unit, and
    // are 1973 or later in the next larger one; so for data since 1973 the guess is unambiguous.
    private const ulong MinEpochMilliseconds = 100_000_000_000;
    private const ulong MinEpochMicroseconds = 100_000_000_000_000;
    private const ulong MinEpochNanoseconds = 100_000_000_000_000_000;

    // An array, not a ReadOnlySpan property: Debug code builds that span with an allocation per access (see FixedPoint).
    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>
    /// How a timestamp column is written, from one value: ISO-8601 when it has a '-' after the first character, a
    /// 'T', a ':' or a space; otherwise epoch seconds, ms, µs or ns by the magnitude of its integer part.
    /// <see cref="TimestampUnit.Auto"/> when the text is neither.
    /// </summary>
    public static TimestampUnit Guess(ReadOnlySpan<char> text)
    {
        if (text.Length > 1 && text[1..].IndexOfAny("-T: ") >= 0)
        {
            return TimestampUnit.Iso8601;
        }

        int digits = 0;
        ulong value = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            if (digits == 19)
            {
                return TimestampUnit.Auto; // past any long nanosecond count
            }

            value = (value * 10) + (uint)(text[digits] - '0');
            digits++;
        }

        if (digits == 0)
        {
            return TimestampUnit.Auto;
        }

        return value switch
        {
            < MinEpochMilliseconds => TimestampUnit.Seconds,
            < MinEpochMicroseconds => TimestampUnit.Milliseconds,
            < MinEpochNanoseconds => TimestampUnit.Microseconds,
            _ => TimestampUnit.Nanoseconds,
        };
    }

    /// <summary>Parses <paramref name="text"/> written as <paramref name="unit"/> (not <see cref="TimestampUnit.Auto"/>).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, TimestampUnit unit, out long timestampNs) => unit switch
    {
        TimestampUnit.Iso8601 => TryParseIso8601(text, out timestampNs),
        TimestampUnit.Seconds => TryParseEpoch(text, 9, out timestampNs),
        TimestampUnit.Milliseconds => TryParseEpoch(text, 6, out timestampNs),
        TimestampUnit.Microseconds => TryParseEpoch(text, 3, out timestampNs),
        TimestampUnit.Nanoseconds => TryParseEpoch(text, 0, out timestampNs),
        _ => Fail(out timestampNs),
    };

    /// <summary>
    /// <c>digits[.fraction]</c> since the epoch in a unit <paramref name="unitDigits"/> decimal digits above the
    /// nanosecond (9 seconds, 6 ms, 3 µs, 0 ns). A fraction finer than a nanosecond is rejected rather than rounded.
    /// </summary>
    public static bool TryParseEpoch(ReadOnlySpan<char> text, int unitDigits, out long timestampNs)
    {
        timestampNs = 0;
        int i = 0;
        long whole = 0;
        long maxWhole = long.MaxValue / Pow10[unitDigits];
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            whole = (whole * 10) + (text[i] - '0');
            if (whole > maxWhole)
            {
                return false;
            }
        }

        if (i == 0)
        {
            return false;
        }

        long fraction = 0;
        int fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                if (fractionDigits == unitDigits)
                {
                    return false;
                }

                fraction = (fraction * 10) + (text[i] - '0');
                fractionDigits++;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        long nanos = (whole * Pow10[unitDigits]) + (fraction * Pow10[unitDigits - fractionDigits]);
        if (nanos < 0)
        {
            return false; // the fraction pushed a maximal whole part past long
        }

        timestampNs = nanos;
        return true;
    }

    /// <summary>
    /// <c>YYYY-MM-DD(T|t| )hh:mm:ss[(.|,)fraction][Z|z|±hh[:mm]|±hhmm]</c>, up to 9 fractional digits. No offset
    /// means UTC. The offset is subtracted, so <c>01:00:00+01:00</c> is midnight UTC.
    /// </summary>
    public static bool TryParseIso8601(ReadOnlySpan<char> text, out long timestampNs)
    {
        timestampNs = 0;
        if (text.Length < 19
            || !TryDigits(text, 0, 4, out int year)
            || text[4] != '-'
            || !TryDigits(text, 5, 2, out int month)
            || text[7] != '-'
            || !TryDigits(text, 8, 2, out int day)
            || text[10] is not ('T' or 't' or ' ')
            || !TryDigits(text, 11, 2, out int hour)
            || text[13] != ':'
            || !TryDigits(text, 14, 2, out int minute)
            || text[16] != ':'
            || !TryDigits(text, 17, 2, out int second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        int i = 19;
        long fractionNs = 0;
        if (i < text.Length && text[i] is '.' or ',')
        {
            int digits = 0;
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                if (digits == 9)
                {
                    return false;
                }

                fractionNs = (fractionNs * 10) + (text[i] - '0');
                digits++;
            }

            if (digits == 0)
            {
                return false;
            }

            fractionNs *= Pow10[9 - digits];
        }

        if (!TryParseOffset(text[i..], out int offsetSeconds))
        {
            return false;
        }

        long seconds = (DaysFromCivil(year, month, day) * 86_400L) + (hour * 3_600) + (minute * 60) + second - offsetSeconds;
        if (seconds is > MaxSeconds or < -MaxSeconds)
        {
            return false;
        }

        timestampNs = (seconds * NanosPerSecond) + fractionNs;
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> text, out int offsetSeconds)
    {
        offsetSeconds = 0;
        if (text.IsEmpty)
        {
            return true;
        }

        if (text.Length == 1 && text[0] is 'Z' or 'z')
        {
            return true;
        }

        if (text[0] is not ('+' or '-') || !TryDigits(text, 1, 2, out int hours))
        {
            return false;
        }

        int minutes = 0;
        bool valid = text.Length switch
        {
            3 => true,                                                      // ±hh
            5 => TryDigits(text, 3, 2, out minutes),                        // ±hhmm
            6 => text[3] == ':' && TryDigits(text, 4, 2, out minutes),      // ±hh:mm
            _ => false,
        };
        if (!valid || hours > 23 || minutes > 59)
        {
            return false;
        }

        offsetSeconds = ((hours * 3_600) + (minutes * 60)) * (text[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    private static long DaysFromCivil(int year, int month, int day)
    {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - (era * 400);
        int dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        int dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468;
    }

    private static bool Fail(out long timestampNs)
    {
        timestampNs = 0;
        return false;
    }
}
