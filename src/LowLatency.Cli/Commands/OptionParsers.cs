using System.CommandLine.Parsing;
using System.Globalization;
using LowLatency.Market;

namespace LowLatency.Cli.Commands;

/// <summary>Parsers and validators whose errors name the option and the offending value.</summary>
internal static class OptionParsers
{
    /// <summary>A whole number, accepting separators people type: 1_000_000, 1,000,000, or suffixes 10k, 5m.</summary>
    public static long ParseCount(ArgumentResult result, long defaultValue)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (TryParseCount(text, out long value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)}: '{text}' is not a whole number (examples: 1000000, 1_000_000, 10k, 5m).");
        return defaultValue;
    }

    public static bool TryParseCount(string text, out long value)
    {
        string s = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        long multiplier = 1;
        if (s.Length > 1)
        {
            switch (char.ToLowerInvariant(s[^1]))
            {
                case 'k': multiplier = 1_000; s = s[..^1]; break;
                case 'm': multiplier = 1_000_000; s = s[..^1]; break;
                case 'g': multiplier = 1_000_000_000; s = s[..^1]; break;
            }
        }

        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n <= long.MaxValue / multiplier)
        {
            value = n * multiplier;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>"max" (or 0) for unpaced, else events per second.</summary>
    public static long ParseRate(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return 0;
        }

        string text = result.Tokens[0].Value;
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (TryParseCount(text, out long value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)}: '{text}' is not a rate; use 'max' or events per second (e.g. 100000, 1m).");
        return 0;
    }

    public static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;

    /// <summary>An exact decimal (at most 8 decimals) from 0 to <paramref name="max"/>, as a FixedPoint; 0 when absent.</summary>
    public static FixedPoint ParseAmount(ArgumentResult result, decimal max)
    {
        if (result.Tokens.Count == 0)
        {
            return FixedPoint.Zero;
        }

        string text = result.Tokens[0].Value;
        if (decimal.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
            && value <= max && value * FixedPoint.Scale == decimal.Truncate(value * FixedPoint.Scale))
        {
            return FixedPoint.FromDecimal(value);
        }

        result.AddError($"{OptionName(result)}: '{text}' is not a number from 0 to {max:#,0} with at most 8 decimals.");
        return FixedPoint.Zero;
    }

    /// <summary>A duration (500ns, 250us, 1ms, 30s, 5m, 1h) in nanoseconds, up to <paramref name="maxNs"/> (one hour
    /// by default); 0 when absent.</summary>
    public static long ParseDurationNs(ArgumentResult result, long maxNs = 3_600_000_000_000)
    {
        if (result.Tokens.Count == 0)
        {
            return 0;
        }

        string text = result.Tokens[0].Value;
        if (DurationText.TryParseNs(text, out long ns) && ns <= maxNs)
        {
            return ns;
        }

        result.AddError($"{OptionName(result)}: '{text}' is not a duration from 0 to {DurationText.Format(maxNs)} (examples: 0, 250us, 1ms, 30s).");
        return 0;
    }

    /// <summary>Like <see cref="ParseAmount"/>, but above zero.</summary>
    public static FixedPoint ParsePositiveAmount(ArgumentResult result, decimal max)
    {
        string text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (decimal.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal parsed) && parsed == 0)
        {
            result.AddError($"{OptionName(result)}: '{text}' must be above 0.");
            return FixedPoint.Zero;
        }

        return ParseAmount(result, max);
    }
}
