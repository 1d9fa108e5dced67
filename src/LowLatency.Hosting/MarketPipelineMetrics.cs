namespace LowLatency.Hosting;

/// <summary>
/// Names of the host's <see cref="System.Diagnostics.Metrics"/> instruments (meter <see cref="MeterName"/>; watch them
/// with <c>dotnet-counters monitor -n &lt;process&gt; --counters LowLatency</c>, or export them with OpenTelemetry's
/// <c>AddMeter(MarketPipelineMetrics.MeterName)</c>). Each has a UCUM unit and a description. All are observable: they
/// read the engine's own counters when a listener collects, so the hot path records nothing. Counts are exact once
/// stopped and at most a batch stale while running.
/// </summary>
public static class MarketPipelineMetrics
{
    public const string MeterName = "LowLatency";

    /// <summary>Counter: events claimed by producers (tick input, generator, host code).</summary>
    public const string EventsPublished = "lowlatency.events.published";

    /// <summary>Counter, tag <see cref="StageTag"/>: events each stage finished, failed ones included.</summary>
    public const string EventsProcessed = "lowlatency.events.processed";

    /// <summary>Counter, tag <see cref="StageTag"/>: events whose handler threw.</summary>
    public const string EventsFailed = "lowlatency.events.failed";

    /// <summary>Counter, tag <see cref="ReasonTag"/> (a FilterReason name): events the filter rejected.</summary>
    public const string EventsFiltered = "lowlatency.events.filtered";

    /// <summary>Counter, tag <see cref="SideTag"/> (Buy or Sell): signals the strategy emitted.</summary>
    public const string Signals = "lowlatency.signals";

    /// <summary>Counter: signals not delivered to subscribers because their queue was full.</summary>
    public const string SignalsDropped = "lowlatency.signals.dropped";

    /// <summary>Counter, tag <see cref="SideTag"/>: simulated executions of accepted orders.</summary>
    public const string Fills = "lowlatency.fills";

    /// <summary>Counter, tag <see cref="ReasonTag"/> (an IntentResult name): strategy intents the risk limits suppressed.</summary>
    public const string IntentsSuppressed = "lowlatency.intents.suppressed";

    /// <summary>Gauge: events claimed but not yet through the last stage.</summary>
    public const string RingLag = "lowlatency.ring.lag";

    /// <summary>Gauge: lag as a fraction of the ring size (1 = full: producers wait).</summary>
    public const string RingOccupancy = "lowlatency.ring.occupancy";

    /// <summary>Gauge, ns: median ingest → strategy latency since start; only with <c>RecordLatency</c>.</summary>
    public const string LatencyP50 = "lowlatency.latency.p50";

    /// <summary>Gauge, ns: 99th percentile, as <see cref="LatencyP50"/>.</summary>
    public const string LatencyP99 = "lowlatency.latency.p99";

    /// <summary>Gauge, ns: largest, as <see cref="LatencyP50"/>.</summary>
    public const string LatencyMax = "lowlatency.latency.max";

    public const string StageTag = "stage";

    public const string ReasonTag = "reason";

    public const string SideTag = "side";
}
