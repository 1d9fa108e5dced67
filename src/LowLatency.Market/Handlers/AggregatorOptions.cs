namespace LowLatency.Market.Handlers;

/// <summary>Windows of the aggregator stage; validated once by <see cref="AggregatorState"/>.</summary>
public readonly record struct AggregatorOptions
{
    public AggregatorOptions()
    {
    }

    /// <summary>Width W of one rolling-VWAP bucket. Default 1 s.</summary>
    public long RollingBucketWidthNs { get; init; } = 1_000_000_000;

    /// <summary>Number N of rolling-VWAP buckets: the current one plus N-1 before it. Default 60 (a 1-minute window).</summary>
    public int RollingBucketCount { get; init; } = 60;

    /// <summary>Length of one OHLCV bar. Default 1 minute.</summary>
    public long BarIntervalNs { get; init; } = 60_000_000_000;

    /// <summary>N × W: the longest span the rolling VWAP covers.</summary>
    public long RollingWindowNs => RollingBucketWidthNs * RollingBucketCount;
}
