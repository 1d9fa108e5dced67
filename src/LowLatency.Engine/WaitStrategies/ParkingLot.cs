namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// A monitor that waiters park on. Wakers skip the lock when nobody is parked, and when a wake-up is already on its
/// way (<c>_wakePending</c>), so a producer publishing into a ring with a parked waiter pays one pulse, not one per event.
/// </summary>
internal sealed class ParkingLot
{
    /// <summary>Upper bound of one park; the waiter re-checks its sequence and alert after it, whatever happened.</summary>
    public const int SafetyTimeoutMs = 100;

    private readonly object _gate = new();
    private int _waiters;
    private int _wakePending;

    public long Park(long sequence, SequenceBarrier barrier, int timeoutMs)
    {
        long available;
        lock (_gate)
        {
            // Full fence: pairs with the wakers' fence, see BlockingWaitStrategy.SignalAllWhenBlocking.
            Interlocked.Increment(ref _waiters);
            try
            {
                while (true)
                {
                    // Full fence, and before the check: a waker that still finds a wake-up pending made its store
                    // before this reset, so the check below sees it.
                    Interlocked.Exchange(ref _wakePending, 0);
                    if ((available = barrier.AvailableSequence) >= sequence || barrier.IsAlerted)
                    {
                        break;
                    }

                    if (!Monitor.Wait(_gate, timeoutMs) && timeoutMs < SafetyTimeoutMs)
                    {
                        // Short parks return so the caller re-checks on its own schedule.
                        available = barrier.AvailableSequence;
                        break;
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }

        return available;
    }

    public void WakeAllIfAnyParked()
    {
        if (Volatile.Read(ref _waiters) != 0
            && Volatile.Read(ref _wakePending) == 0
            && Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
