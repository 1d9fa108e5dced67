using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using LowLatency.Benchmarks.Columns;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The job for macro (end-to-end) benchmarks on a small, noisy VM: one process per case, 3 warmup and 10 measured
/// iterations of exactly one invocation each (an invocation already moves millions of events, so no pilot stage and
/// no unrolling), and the median next to the mean. Zero allocations print as "0 B", not "-".
/// </summary>
public sealed class MacroConfig : ManualConfig
{
    public const int WarmupCount = 3;
    public const int IterationCount = 10;

    public MacroConfig()
    {
        AddJob(Job.Default
            .WithId("Macro")
            .WithLaunchCount(1)
            .WithWarmupCount(WarmupCount)
            .WithIterationCount(IterationCount)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddColumn(new EventsPerSecondColumn());
        SummaryStyle = SummaryStyle.Default.WithZeroMetricValuesInContent();
    }
}
