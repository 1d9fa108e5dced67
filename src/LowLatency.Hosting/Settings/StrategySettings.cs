namespace LowLatency.Hosting.Settings;

/// <summary>The strategy (<c>LowLatency:Strategy</c>): which one, and its parameters as text, checked against what the
/// strategy declares (a bad key or value stops the host at start, naming it).</summary>
public sealed class StrategySettings
{
    /// <summary>A registered strategy name (<c>threshold</c>, <c>vwap-mean-reversion</c>); empty = the default, or the
    /// strategy type given to <c>AddMarketPipeline&lt;TStrategy&gt;</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The strategy's parameters, e.g. <c>"Parameters": { "entry-bps": 5 }</c> (keys ignore case and dashes).</summary>
    public Dictionary<string, string?> Parameters { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
