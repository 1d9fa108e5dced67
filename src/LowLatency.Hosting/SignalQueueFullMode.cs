namespace LowLatency.Hosting;

/// <summary>What the strategy thread does with a signal when the subscribers' queue is full. It never waits.</summary>
public enum SignalQueueFullMode
{
    /// <summary>Drop the signal for subscribers and count it (<c>lowlatency.signals.dropped</c>); the pipeline goes on.</summary>
    Drop,

    /// <summary>Throw on the strategy thread, so the fault is logged and counted, and halts the pipeline under
    /// ExceptionPolicy Halt: for hosts where a lost signal is worse than a stop.</summary>
    Fail,
}
