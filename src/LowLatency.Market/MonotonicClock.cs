using System.Diagnostics;

namespace LowLatency.Market;

/// <summary>Monotonic nanoseconds for ingest stamps and latency: <see cref="Stopwatch"/> ticks scaled, no allocation.</summary>
public static class MonotonicClock
{
    private static readonly double s_nsPerTick = 1e9 / Stopwatch.Frequency;

    public static long NowNs() => Stopwatch.Frequency == 1_000_000_000
        ? Stopwatch.GetTimestamp()
        : (long)(Stopwatch.GetTimestamp() * s_nsPerTick);
}
