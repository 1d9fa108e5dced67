namespace LowLatency.Engine;

/// <summary>A handler's thread and progress, seen without its handler type (for lifecycle and monitoring).</summary>
public interface IEventProcessor
{
    string Name { get; }

    /// <summary>The highest sequence this handler has finished; later stages and producers gate on it.</summary>
    Sequence Sequence { get; }

    /// <summary>Events handed to the handler so far, failed ones included. Exact, allocation-free, readable any time.</summary>
    long ProcessedCount { get; }

    /// <summary>Events whose handler call threw.</summary>
    long FailureCount { get; }

    ExceptionPolicy ExceptionPolicy { get; }

    bool IsRunning { get; }
}
