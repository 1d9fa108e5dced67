using LowLatency.Market;

namespace LowLatency.Kafka;

/// <summary>One slot of a <see cref="KafkaSignalSink"/>'s ring: a queued signal with the source tick's partition and
/// offset (-1 if unknown).</summary>
internal struct SignalQueueEntry
{
    public Signal Signal;
    public long EmittedNs;
    public int Partition;
    public long Offset;

    /// <summary>Set by the delivery report; the slot is reused only after every earlier signal is acknowledged too.</summary>
    public bool Acknowledged;
}
