using System.Globalization;

namespace LowLatency.Market.Strategies;

/// <summary>
/// The settings handed to a strategy's <c>Create</c> as text key/value pairs (<c>--strategy-param key=value</c>, a
/// settings file, the host's <c>LowLatency:Strategy:Parameters</c> section), read through typed, declared accessors:
/// each returns the given value or the default, and throws a <see cref="StrategyParameterException"/> naming the key
/// when the value does not parse or is out of range. What was declared is kept for help listings, and a key nobody
/// read is reported by <see cref="ThrowIfUnread"/> with the nearest known name.
/// </summary>
/// <remarks>Keys match ignoring case, dashes, underscores and dots: <c>entry-bps</c>, <c>EntryBps</c> and
/// <c>entry_bps</c> are one key. No reflection: a strategy reads what it declares.</remarks>
public sealed class StrategyParameters
{
    private readonly Dictionary<string, (string Key, string Value, string Shown)> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<StrategyParameterInfo> _declared = [];

    /// <param name="values">Key/value pairs; a null value is ignored (an empty configuration section).</param>
    /// <param name="keyFormat">How a key is shown in messages, <c>{0}</c> standing for it: <c>"--strategy-param {0}"</c>,
    /// <c>"LowLatency:Strategy:Parameters:{0}"</c>.</param>
    public StrategyParameters(IEnumerable<KeyValuePair<string, string?>> values, string keyFormat = "{0}")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(keyFormat);
        foreach ((string key, string? value) in values)
        {
            if (value is null)
            {
                continue;
            }

            string shown = string.Format(CultureInfo.InvariantCulture, keyFormat, key);
            string normalized = NormalizeKey(key);
            if (normalized.Length == 0)
            {
                throw new StrategyParameterException($"{shown}: a parameter needs a name (key=value).");
            }

            if (_values.TryGetValue(normalized, out (string Key, string Value, string Shown) earlier))
            {
                throw new StrategyParameterException($"{shown}: given twice (also as '{earlier.Key}').");
            }

            _values[normalized] = (key, value, shown);
        }
    }

    /// <summary>These values, with <paramref name="overrides"/> replacing any of the same name (a command line over a
    /// settings file).</summary>
    public StrategyParameters OverriddenBy(StrategyParameters overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new StrategyParameters([]);
        foreach (KeyValuePair<string, (string Key, string Value, string Shown)> entry in _values.Concat(overrides._values))
        {
            merged._values[entry.Key] = entry.Value;
        }

        return merged;
    }

    /// <summary>No values: every parameter takes its default.</summary>
    public static StrategyParameters Defaults() => new([]);

    /// <summary>Every parameter read so far, in the order the strategy read them.</summary>
    public IReadOnlyList<StrategyParameterInfo> Declared => _declared;

    /// <summary>The values given, keys as written.</summary>
    public IEnumerable<KeyValuePair<string, string>> Given => _values.Values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value));

    public int Int32(string name, int defaultValue, int min, int max, string description) =>
        (int)Int64(name, defaultValue, min, max, description);

    public long Int64(string name, long defaultValue, long min, long max, string description)
    {
        Declare(name, "whole number", Text(defaultValue), RangeText(Text(min), Text(max), min == long.MinValue, max == long.MaxValue), description);
        if (!TryGet(name, out string key, out string text))
        {
            return defaultValue;
        }

        if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw Bad(key, text, $"must be a whole number{RangeSuffix(Text(min), Text(max), min == long.MinValue, max == long.MaxValue)}");
        }

        return value;
    }

    public decimal Decimal(string name, decimal defaultValue, decimal min, decimal max, string description) =>
        OptionalDecimal(name, min, max, description, defaultValue) ?? defaultValue;

    /// <summary>An exact number with at most 8 decimals (a price, a quantity, an amount of money).</summary>
    public FixedPoint FixedPoint(string name, decimal defaultValue, decimal min, decimal max, string description) =>
        Market.FixedPoint.FromDecimal(Decimal(name, defaultValue, ClampToFixedPoint(min), ClampToFixedPoint(max), description));

    /// <summary>Like <see cref="FixedPoint(string, decimal, decimal, decimal, string)"/> with no default: null when not given.</summary>
    public FixedPoint? OptionalFixedPoint(string name, decimal min, decimal max, string description) =>
        OptionalDecimal(name, ClampToFixedPoint(min), ClampToFixedPoint(max), description, null) is { } value ? Market.FixedPoint.FromDecimal(value) : null;

    // A FixedPoint parameter's range never reaches past what FixedPoint holds, so a value beyond it is reported like
    // any other out-of-range value, naming the key.
    private static decimal ClampToFixedPoint(decimal bound) =>
        Math.Clamp(bound, Market.FixedPoint.MinValue.ToDecimal(), Market.FixedPoint.MaxValue.ToDecimal());

    public bool Boolean(string name, bool defaultValue, string description)
    {
        Declare(name, "true/false", defaultValue ? "true" : "false", "", description);
        if (!TryGet(name, out string key, out string text))
        {
            return defaultValue;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "1" or "on" => true,
            "false" or "no" or "0" or "off" => false,
            _ => throw Bad(key, text, "must be true or false"),
        };
    }

    /// <summary>A duration (<see cref="DurationText"/>: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>100us</c>,
    /// <c>500ns</c>, <c>hh:mm:ss</c>) in nanoseconds.</summary>
    public long DurationNs(string name, long defaultNs, long minNs, long maxNs, string description)
    {
        Declare(name, "duration", DurationText.Format(defaultNs), RangeText(DurationText.Format(minNs), DurationText.Format(maxNs), false, maxNs == long.MaxValue), description);
        if (!TryGet(name, out string key, out string text))
        {
            return defaultNs;
        }

        if (!DurationText.TryParseNs(text, out long value) || value < minNs || value > maxNs)
        {
            throw Bad(key, text, $"must be a duration like 500ms, 30s, 5m{RangeSuffix(DurationText.Format(minNs), DurationText.Format(maxNs), false, maxNs == long.MaxValue)}");
        }

        return value;
    }

    public string Text(string name, string defaultValue, string description)
    {
        Declare(name, "text", defaultValue, "", description);
        return TryGet(name, out _, out string text) ? text : defaultValue;
    }

    /// <summary>A problem between parameters (e.g. two levels in the wrong order), as one line naming
    /// <paramref name="name"/> the way the user gave it (or by its name when it was left at its default).</summary>
    public StrategyParameterException Error(string name, string problem)
    {
        string shown = _values.TryGetValue(NormalizeKey(name), out (string Key, string Value, string Shown) entry) ? entry.Shown : name;
        return new StrategyParameterException($"{shown}: {problem}");
    }

    /// <summary>Throws naming the first given key no accessor read, with the nearest declared name. Call after the
    /// strategy is built (<see cref="StrategyDefinition"/> does).</summary>
    public void ThrowIfUnread(string strategyName)
    {
        foreach ((string normalized, (string key, _, string shown)) in _values)
        {
            if (_read.Contains(normalized))
            {
                continue;
            }

            string known = _declared.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", _declared.Select(d => d.Name));
            string? nearest = _declared.Select(d => d.Name).MinBy(n => Distance(NormalizeKey(n), normalized));
            string hint = nearest is not null && Distance(NormalizeKey(nearest), normalized) <= Math.Max(2, normalized.Length / 3)
                ? $"; did you mean '{nearest}'?" : ".";
            throw new StrategyParameterException($"{shown}: strategy '{strategyName}' has no parameter '{key}' ({known}){hint}");
        }
    }

    private decimal? OptionalDecimal(string name, decimal min, decimal max, string description, decimal? defaultValue)
    {
        Declare(name, "decimal", defaultValue is { } d ? Text(d) : "", RangeText(Text(min), Text(max), min == decimal.MinValue, max == decimal.MaxValue), description);
        if (!TryGet(name, out string key, out string text))
        {
            return null;
        }

        if (!decimal.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out decimal value)
            || value < min || value > max || decimal.Round(value, Market.FixedPoint.Decimals) != value)
        {
            throw Bad(key, text, $"must be a decimal number with at most 8 decimals{RangeSuffix(Text(min), Text(max), min == decimal.MinValue, max == decimal.MaxValue)}");
        }

        return value;
    }

    private void Declare(string name, string kind, string defaultText, string range, string description)
    {
        foreach (StrategyParameterInfo existing in _declared)
        {
            if (NormalizeKey(existing.Name) == NormalizeKey(name))
            {
                return; // read twice: declared once
            }
        }

        _declared.Add(new StrategyParameterInfo(name, kind, defaultText, range, description));
    }

    private bool TryGet(string name, out string shown, out string text)
    {
        string normalized = NormalizeKey(name);
        _read.Add(normalized);
        if (_values.TryGetValue(normalized, out (string Key, string Value, string Shown) entry))
        {
            shown = entry.Shown;
            text = entry.Value;
            return true;
        }

        shown = name;
        text = "";
        return false;
    }

    private static StrategyParameterException Bad(string shown, string text, string rule) => new($"{shown}: {rule} (got '{text}').");

    /// <summary>The form keys are compared in: lowercase, without dashes, underscores, dots and spaces.</summary>
    public static string NormalizeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var buffer = new System.Text.StringBuilder(key.Length);
        foreach (char c in key.Trim())
        {
            if (c is not ('-' or '_' or '.' or ' '))
            {
                buffer.Append(char.ToLowerInvariant(c));
            }
        }

        return buffer.ToString();
    }

    private static string RangeText(string min, string max, bool noMin, bool noMax) =>
        (noMin, noMax) switch
        {
            (true, true) => "",
            (true, false) => $"at most {max}",
            (false, true) => $"at least {min}",
            _ => $"{min} to {max}",
        };

    private static string RangeSuffix(string min, string max, bool noMin, bool noMax) =>
        RangeText(min, max, noMin, noMax) is { Length: > 0 } range ? $", {range}" : "";

    private static string Text(long value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(",", "_", StringComparison.Ordinal);

    private static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
