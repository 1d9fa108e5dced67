namespace LowLatency.Engine;

/// <summary>How a consumer waits for a sequence to become available. Chosen once per pipeline.</summary>
public interface IWaitStrategy
{
    /// <summary>
    /// True when waiters may park, so publishers and handlers must call <see cref="SignalAllWhenBlocking"/> after
    /// moving a sequence forward. Spinning strategies return false and cost publishers nothing.
    /// </summary>
    bool IsBlocking { get; }

    /// <summary>
    /// Waits until <paramref name="barrier"/>'s available sequence reaches <paramref name="sequence"/>, or the barrier
    /// is alerted or its <see cref="SequenceBarrier.TimeoutAt"/> passed (check
    /// <see cref="SequenceBarrier.IsAlertedOrTimedOut"/> between polls), and returns the available sequence, which is
    /// below <paramref name="sequence"/> only then or when the strategy gave up waiting (the caller then checks its
    /// state and waits again).
    /// </summary>
    long WaitFor(long sequence, SequenceBarrier barrier);

    /// <summary>Wakes parked waiters after a sequence moved forward. A no-op for spinning strategies.</summary>
    void SignalAllWhenBlocking();
}
