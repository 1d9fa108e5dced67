namespace LowLatency.Hosting;

/// <summary>What one stage did by the time the host stopped.</summary>
public readonly record struct StageReport(string Name, long Processed, long Failed);
