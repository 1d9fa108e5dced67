namespace LowLatency.Hosting;

/// <summary>
/// The outcome of a graceful stop: <see cref="Drained"/> is true when every published event went through every stage
/// within the drain timeout (then every stage's <see cref="StageReport.Processed"/> equals <see cref="Published"/>).
/// </summary>
public sealed record MarketPipelineReport(
    bool Drained,
    long Published,
    IReadOnlyList<StageReport> Stages,
    long Signals,
    long SignalsDropped,
    TimeSpan StopDuration);
