namespace LowLatency.Hosting.Settings;

/// <summary>
/// Stage thread placement (<c>LowLatency:Threads</c>). CPU numbers pin a stage's thread with sched_setaffinity,
/// from inside that thread before its first event; Linux only (elsewhere the host refuses to start). Null leaves
/// the thread to the scheduler.
/// </summary>
public sealed class StageThreadSettings
{
    /// <summary>Priority of the three stage threads. Linux applies it only with the rights to raise priority
    /// (CAP_SYS_NICE); pinning and isolated cores (isolcpus) matter more there.</summary>
    public ThreadPriority Priority { get; set; } = ThreadPriority.Normal;

    public int? FilterCpu { get; set; }

    public int? AggregatorCpu { get; set; }

    public int? StrategyCpu { get; set; }

    internal int? CpuOf(string stage) => stage switch
    {
        "filter" => FilterCpu,
        "aggregator" => AggregatorCpu,
        "strategy" => StrategyCpu,
        _ => null,
    };

    internal bool AnyPinned => FilterCpu.HasValue || AggregatorCpu.HasValue || StrategyCpu.HasValue;

    /// <summary>Stages pinned to two or more different CPUs: a layout of one thread per stage.</summary>
    internal bool PinsSeveralCpus => new[] { FilterCpu, AggregatorCpu, StrategyCpu }.Where(c => c.HasValue).Distinct().Count() > 1;
}
