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
    long SignalsDropped);
