namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// Parks waiters on a monitor at once: no CPU while idle, a wake-up (microseconds) per hand-off. Every publish and every
/// handler batch pays a full fence plus a read of the waiter count; the monitor is touched only when someone waits.
/// Parking itself stays cheap (no process-wide fence, unlike <see cref="HybridWaitStrategy"/>), which suits it since
/// it parks on every idle moment.
/// </summary>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly ParkingLot _parking;

    public BlockingWaitStrategy()
        : this(ParkingLot.SafetyTimeout)
    {
    }

    /// <param name="parkTimeout">
    /// Longest single park, a safety net: publishes and alerts wake waiters. <see cref="Timeout.InfiniteTimeSpan"/>
    /// removes it (tests use that, so a lost wake-up hangs instead of hiding behind the timeout).
    /// </param>
    public BlockingWaitStrategy(TimeSpan parkTimeout) => _parking = new ParkingLot(wakersFence: true, parkTimeout, nameof(parkTimeout));

    /// <summary>Longest single park before the waiter re-checks on its own.</summary>
    public TimeSpan ParkTimeout => _parking.ParkTimeout;

    public bool IsBlocking => true;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available = barrier.AvailableSequence;
        if (available >= sequence)
        {
            return available;
        }

        return _parking.Park(sequence, barrier);
    }

    public void SignalAllWhenBlocking()
    {
        // Full fence: the sequence store the caller just made is ordered before the read of the waiter count, so a
        // waiter either sees the new sequence in its re-check or is counted here and woken (no lost wake-up).
        Interlocked.MemoryBarrier();
        _parking.WakeAllIfAnyParked();
    }
}
