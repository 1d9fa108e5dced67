using System.Globalization;

namespace LowLatency.Market;

/// <summary>Durations as people type them: <c>500ns</c>, <c>250us</c>, <c>1.5ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>
/// or <c>hh:mm:ss</c>, in nanoseconds. One parser for every option and parameter that takes a duration.</summary>
public static class DurationText
{
    private static readonly (string Suffix, decimal NsPerUnit)[] s_units =
    [
        ("ns", 1m), ("us", 1_000m), ("µs", 1_000m), ("ms", 1_000_000m), ("s", 1_000_000_000m), ("m", 60_000_000_000m), ("h", 3_600_000_000_000m),
    ];

    /// <summary>Parses a non-negative duration into whole nanoseconds (fractions of a nanosecond are refused).</summary>
    public static bool TryParseNs(string? text, out long nanoseconds)
    {
        nanoseconds = 0;
        string s = (text ?? "").Trim().ToLowerInvariant();
        foreach ((string suffix, decimal nsPerUnit) in s_units)
        {
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal))
            {
                if (!decimal.TryParse(s[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
                {
                    return false;
                }

                if (amount > long.MaxValue / nsPerUnit)
                {
                    return false; // also keeps the product below decimal's range
                }

                decimal ns = amount * nsPerUnit;
                if (ns != decimal.Truncate(ns))
                {
                    return false;
                }

                nanoseconds = (long)ns;
                return true;
            }
        }

        if (s == "0")
        {
            return true;
        }

        if (TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero
            && span.Ticks <= long.MaxValue / 100)
        {
            nanoseconds = span.Ticks * 100;
            return true;
        }

        return false;
    }

    /// <summary>The shortest exact form: <c>0s</c>, <c>1h</c>, <c>5m</c>, <c>30s</c>, <c>250ms</c>, <c>100us</c>, <c>500ns</c>.</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        for (int i = s_units.Length - 1; i >= 0; i--)
        {
            (string suffix, decimal nsPerUnit) = s_units[i];
            if (suffix != "µs" && nanoseconds % nsPerUnit == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / nsPerUnit}{suffix}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{nanoseconds}ns");
    }
}
