using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using LowLatency.Benchmarks.Columns;

namespace LowLatency.Benchmarks;

/// <summary>
/// The job for micro benchmarks: one process per case, BenchmarkDotNet's pilot stage picks the invocation count,
/// then 3 warmup and 10 measured iterations (enough on a noisy VM to see the median, short enough to run every suite
/// in minutes). Adds the events/s column; zero allocations print as "0 B".
/// </summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.Default
            .WithId("Micro")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10));
        AddColumn(new EventsPerSecondColumn());
        SummaryStyle = SummaryStyle.Default.WithZeroMetricValuesInContent();
    }
}
