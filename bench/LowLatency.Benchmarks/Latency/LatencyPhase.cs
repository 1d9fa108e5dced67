namespace LowLatency.Benchmarks.Latency;

/// <summary>What one phase sent: the event count and the time from the first intended send to the last send, in ns.</summary>
internal readonly record struct LatencyPhase(long Events, long SendingNs)
{
    public double EventsPerSecond => SendingNs > 0 ? Events * 1e9 / SendingNs : 0;
}
