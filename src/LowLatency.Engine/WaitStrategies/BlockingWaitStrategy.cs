namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// Parks waiters on a monitor: no CPU while idle, a wake-up (microseconds) per hand-off. Every publish and every
/// handler batch pays a full fence plus a read of the waiter count; the monitor is touched only when someone waits.
/// </summary>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly ParkingLot _parking = new();

    public bool IsBlocking => true;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available = barrier.AvailableSequence;
        if (available >= sequence)
        {
            return available;
        }

        return _parking.Park(sequence, barrier, ParkingLot.SafetyTimeoutMs);
    }

    public void SignalAllWhenBlocking()
    {
        // Full fence: the sequence store the caller just made is ordered before the read of the waiter count, so a
        // waiter either sees the new sequence in its re-check or is counted here and woken (no lost wake-up).
        Interlocked.MemoryBarrier();
        _parking.WakeAllIfAnyParked();
    }
}
