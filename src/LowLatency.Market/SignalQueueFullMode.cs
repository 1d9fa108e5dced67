namespace LowLatency.Market;

/// <summary>
/// What the strategy thread does with a signal when a signal queue is full: the host's <c>SignalHub</c> (queued for
/// its subscribers) or LowLatency.Kafka's <c>KafkaSignalSink</c> (queued for the signals topic). The same words
/// everywhere: the queue is <em>full</em>; the strategy thread <em>drops</em> the signal (counted as dropped),
/// <em>fails</em> (throws) or <em>waits</em> for room (counted as a queue-full wait).
/// </summary>
public enum SignalQueueFullMode
{
    /// <summary>Drop the signal for that queue and count it (<c>Dropped</c>; for the hub also
    /// <c>lowlatency.signals.dropped</c>); the pipeline goes on. The hub's default.</summary>
    Drop,

    /// <summary>Throw on the strategy thread, so the fault is logged and counted, and halts the pipeline under
    /// ExceptionPolicy Halt: for hosts where a lost signal is worse than a stop. The hub only.</summary>
    Fail,

    /// <summary>Wait until the queue has room (counted in <c>QueueFullWaits</c>): no signal is lost, and the strategy
    /// stage slows to the pace of the queue's consumer. The Kafka signal sink only, and its default.</summary>
    Wait,
}
