using System.CommandLine.Parsing;
using System.Globalization;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Cli.Commands;

/// <summary>Parsers and validators whose errors name the option and the offending value.</summary>
internal static class OptionParsers
{
    /// <summary>The longest <c>--seconds</c> a run may be given: a year, far inside what a TimeSpan holds.</summary>
    public const double MaxSeconds = 365 * 86_400;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, accepting separators people
    /// type: 1_000_000, 1,000,000, or suffixes 10k, 5m.</summary>
    public static long ParseCount(ArgumentResult result, long defaultValue, long min, long max = long.MaxValue)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (TryParseCount(text, out long value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture,
            $"{OptionName(result)}: '{text}' is not a whole number from {min:N0} to {max:N0} (examples: 1000000, 1_000_000, 10k, 5m)."));
        return defaultValue;
    }

    /// <summary>A plain whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static int ParseInt(ArgumentResult result, int defaultValue, int min, int max)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{OptionName(result)}: '{text}' is not a whole number from {min} to {max}."));
        return defaultValue;
    }

    /// <summary>A ring size: a power of two from <see cref="RingCapacity.Min"/> to <paramref name="max"/> (<see cref="RingCapacity"/>).</summary>
    public static int ParseRingCapacity(ArgumentResult result, int defaultValue, int max = RingCapacity.Max)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (TryParseCount(text, out long value) && RingCapacity.IsValid(value, max))
        {
            return (int)value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{OptionName(result)}: '{text}' is not a power of two between {RingCapacity.Min} and {max} (e.g. 65536)."));
        return defaultValue;
    }

    /// <summary>Any whole number a <see cref="ulong"/> holds (seeds).</summary>
    public static ulong ParseUnsigned(ArgumentResult result, ulong defaultValue)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (ulong.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{OptionName(result)}: '{text}' is not a whole number from 0 to {ulong.MaxValue}."));
        return defaultValue;
    }

    /// <summary>Seconds as a decimal number from <paramref name="min"/> to <paramref name="max"/>; with
    /// <paramref name="aboveMin"/>, <paramref name="min"/> itself is refused.</summary>
    public static double ParseSeconds(ArgumentResult result, double defaultValue, double min, double max, bool aboveMin = false)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            && (aboveMin ? value > min : value >= min) && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture,
            $"{OptionName(result)}: '{text}' is not a number of seconds {(aboveMin ? "above" : "from")} {min} {(aboveMin ? "up " : "")}to {max:#,0}."));
        return defaultValue;
    }

    /// <summary>One of <typeparamref name="T"/>'s names, any case. Numbers are refused: "-1" is not a wait strategy.</summary>
    public static T ParseEnum<T>(ArgumentResult result, T defaultValue)
        where T : struct, Enum
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        foreach (string name in Enum.GetNames<T>())
        {
            if (name.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }

        result.AddError($"{OptionName(result)}: '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
        return defaultValue;
    }

    /// <summary>Text that is not empty or blank (topic and group names).</summary>
    public static string ParseName(ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError($"{OptionName(result)}: expected a name (got an empty value).");
        }

        return text;
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
