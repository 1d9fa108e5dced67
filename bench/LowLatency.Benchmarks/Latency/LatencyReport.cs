namespace LowLatency.Benchmarks.Latency;

/// <summary>Everything one latency run wrote to <c>report.json</c>; <c>report.md</c> is the same in prose and a table.</summary>
internal sealed record LatencyReport(
    DateTimeOffset StartedAt,
    RunEnvironment Environment,
    double WarmupSeconds,
    double DurationSeconds,
    IReadOnlyList<LatencyResult> Results,
    string? PlotFile);
