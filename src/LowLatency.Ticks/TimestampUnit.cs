namespace LowLatency.Ticks;

/// <summary>How a CSV timestamp column is written.</summary>
public enum TimestampUnit
{
    /// <summary>ISO-8601 text if it has a '-' or 'T', else epoch seconds/ms/µs/ns guessed from the magnitude.</summary>
    Auto,
    Iso8601,
    Seconds,
    Milliseconds,
    Microseconds,
    Nanoseconds,
}
