namespace LowLatency.Kafka.Hosting;

/// <summary>
/// The outcome of a host stop: <see cref="Stopped"/> is true when the bridge let its in-flight ticks finish, committed
/// their offsets and left the group in time. The signal counts are 0 without a signals topic.
/// </summary>
public sealed record KafkaTickBridgeReport(
    bool Stopped,
    long Consumed,
    long Processed,
    long BadMessages,
    long Commits,
    long SignalsDelivered,
    long SignalsFailed,
    long SignalsDropped)
{
    /// <summary>Bad messages by reason ("undecodable", "missing timestamp", "timestamp out of range"); only reasons seen.</summary>
    public IReadOnlyDictionary<string, long> BadMessagesByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>Times the strategy thread found the signal sink's queue full and waited for room
    /// (<see cref="KafkaSignalSink.QueueFullWaits"/>); 0 without a signals topic.</summary>
    public long SignalsQueueFullWaits { get; init; }

    /// <summary>Why the bridge stopped on its own before the host stopped it (a fatal Kafka error, a full symbol table); null otherwise.</summary>
    public string? Error { get; init; }
}
