using System.CommandLine.Parsing;
using System.Globalization;

namespace LowLatency.Cli.Commands;

/// <summary>Parsers for replay's speed and time-window options.</summary>
internal static class TimeOptionParsers
{
    /// <summary>"max" (0), "1x", "10x", "0.5x" or a plain positive factor.</summary>
    public static double ParseSpeed(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return 0;
        }

        string text = result.Tokens[0].Value.Trim();
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        string number = text.EndsWith('x') || text.EndsWith('X') ? text[..^1] : text;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor)
            && factor > 0 && double.IsFinite(factor))
        {
            return factor;
        }

        result.AddError($"{OptionParsers.OptionName(result)}: '{text}' is not a speed; use 'max' or a factor such as 1x, 10x, 0.5x.");
        return 0;
    }

    /// <summary>ISO-8601 (UTC unless an offset is given), or integer nanoseconds since the Unix epoch.</summary>
    public static long? ParseUtcTime(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string text = result.Tokens[0].Value.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long ns))
        {
            return ns;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
        {
            // Nanoseconds since the epoch fit a long only for 1677-09-21 .. 2262-04-11.
            long ticks = time.UtcTicks - DateTime.UnixEpoch.Ticks;
            if (ticks is > long.MaxValue / 100 or < long.MinValue / 100)
            {
                result.AddError($"{OptionParsers.OptionName(result)}: '{text}' is outside 1677-09-21 .. 2262-04-11, the range of nanosecond timestamps.");
                return null;
            }

            return ticks * 100;
        }

        result.AddError($"{OptionParsers.OptionName(result)}: '{text}' is not a time; use ISO-8601 (2013-10-08T13:30:00Z) or nanoseconds since the Unix epoch.");
        return null;
    }
}
