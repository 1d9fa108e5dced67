using System.Text.Json.Serialization;
using HdrHistogram;

namespace LowLatency.Benchmarks.Latency;

/// <summary>One variant's measured phase: percentiles in µs (HdrHistogram, 3 significant digits), what was sent, and
/// the garbage collections and allocations (all threads) during it. <see cref="Error"/> is set when the variant failed.</summary>
internal sealed record LatencyResult
{
    public required string Variant { get; init; }

    public required string Scenario { get; init; }

    public required string Contender { get; init; }

    public required string Mode { get; init; }

    /// <summary>Our pipeline's stage topology (<c>threaded</c>, <c>fused</c>, <c>auto</c>); null for Channels and ping-pong.</summary>
    public string? Topology { get; init; }

    /// <summary><c>ring-Hybrid-fused</c>, <c>channel-async</c>: the name without scenario and rate.</summary>
    [JsonIgnore]
    public string Label => Topology is null ? $"{Contender}-{Mode}" : $"{Contender}-{Mode}-{Topology}";

    /// <summary>Pipeline: target events/s (0 = max). Ping-pong: 0.</summary>
    public long TargetEventsPerSecond { get; init; }

    public required string Rate { get; init; }

    public long Count { get; init; }

    public double SentPerSecond { get; init; }

    public double MeanUs { get; init; }

    public double P50Us { get; init; }

    public double P90Us { get; init; }

    public double P99Us { get; init; }

    public double P999Us { get; init; }

    public double P9999Us { get; init; }

    public double MaxUs { get; init; }

    public int Gen0Collections { get; init; }

    public int Gen1Collections { get; init; }

    public int Gen2Collections { get; init; }

    public long AllocatedBytes { get; init; }

    /// <summary>The <c>OutputPercentileDistribution</c> file, relative to the report.</summary>
    public string? DistributionFile { get; init; }

    public string? Error { get; init; }

    /// <summary>The measured histogram in ns; not serialized (the distribution file holds it).</summary>
    [JsonIgnore]
    public HistogramBase? Histogram { get; init; }

    public static LatencyResult Measured(LatencyVariant variant, LatencyPhase phase, HistogramBase histogram,
        int gen0, int gen1, int gen2, long allocatedBytes) => new()
        {
            Variant = variant.Name,
            Scenario = variant.Scenario,
            Contender = variant.Contender,
            Mode = variant.Mode,
            Topology = variant.Topology,
            TargetEventsPerSecond = variant.EventsPerSecond,
            Rate = variant.RateLabel,
            Count = histogram.TotalCount,
            SentPerSecond = phase.EventsPerSecond,
            MeanUs = histogram.TotalCount == 0 ? 0 : histogram.GetMean() / 1000,
            P50Us = Us(histogram, 50),
            P90Us = Us(histogram, 90),
            P99Us = Us(histogram, 99),
            P999Us = Us(histogram, 99.9),
            P9999Us = Us(histogram, 99.99),
            MaxUs = histogram.GetMaxValue() / 1000.0,
            Gen0Collections = gen0,
            Gen1Collections = gen1,
            Gen2Collections = gen2,
            AllocatedBytes = allocatedBytes,
            Histogram = histogram,
        };

    public static LatencyResult Failed(LatencyVariant variant, Exception error) => new()
    {
        Variant = variant.Name,
        Scenario = variant.Scenario,
        Contender = variant.Contender,
        Mode = variant.Mode,
        Topology = variant.Topology,
        TargetEventsPerSecond = variant.EventsPerSecond,
        Rate = variant.RateLabel,
        Error = $"{error.GetType().Name}: {error.Message}",
    };

    private static double Us(HistogramBase histogram, double percentile) =>
        histogram.GetValueAtPercentile(percentile) / 1000.0;
}
