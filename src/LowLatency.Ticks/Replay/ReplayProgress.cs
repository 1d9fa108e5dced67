namespace LowLatency.Ticks.Replay;

/// <summary>A progress snapshot: events published so far, elapsed wall time, and the recorded time reached.</summary>
public readonly record struct ReplayProgress(long Published, double ElapsedSeconds, long RecordedTimestampNs);
