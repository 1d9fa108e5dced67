namespace LowLatency.Hosting.Tests.Support;

/// <summary>
/// Tests that export the meter through OpenTelemetry. A MeterProvider listens to every meter named
/// <see cref="MarketPipelineMetrics.MeterName"/> in the process and merges same-named instruments into one stream, so
/// another test's host running alongside would lend its counts (CI once exported 1,000 and once 1 of 20,000 published).
/// xunit runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeterCollection
{
    public const string Name = "Process-wide meters";
}
