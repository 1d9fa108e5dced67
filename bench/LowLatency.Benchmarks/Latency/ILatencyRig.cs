using HdrHistogram;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// One contender of a latency run, threads started by its constructor. The driver (<see cref="LatencyRunner"/>) runs a
/// warm-up phase, resets the histogram, runs the measured phase, then stops and verifies the rig. Every wait is
/// bounded: a stall throws <see cref="TimeoutException"/> after <see cref="Macro.BoundedSpin.Timeout"/>.
/// </summary>
internal interface ILatencyRig : IDisposable
{
    /// <summary>Latencies recorded since the last reset, in ns. Read or reset it only between phases.</summary>
    HistogramBase Histogram { get; }

    /// <summary>
    /// Sends for <paramref name="duration"/>, paced at <paramref name="eventsPerSecond"/> (0: as fast as it goes;
    /// ping-pong ignores it: one message in flight), and returns once every event sent was handled or answered.
    /// </summary>
    LatencyPhase RunPhase(TimeSpan duration, long eventsPerSecond);

    /// <summary>Stops the threads and throws unless every event sent was handled exactly once.</summary>
    void StopAndVerify();
}
