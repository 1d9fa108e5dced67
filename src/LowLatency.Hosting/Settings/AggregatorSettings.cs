namespace LowLatency.Hosting.Settings;

/// <summary>Aggregator windows (<c>LowLatency:Aggregator</c>).</summary>
public sealed class AggregatorSettings
{
    public long RollingBucketWidthNs { get; set; } = 1_000_000_000;

    public int RollingBucketCount { get; set; } = 60;

    public long BarIntervalNs { get; set; } = 60_000_000_000;
}
