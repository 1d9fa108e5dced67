namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// A monitor that waiters park on. Wakers skip the lock when nobody is parked, and when a wake-up is already on its
/// way (<c>_wakePending</c>), so a producer publishing into a ring with a parked waiter pays one pulse, not one per event.
/// </summary>
/// <remarks>
/// No lost wake-up: a waker stores a sequence, then reads <c>_waiters</c> and <c>_wakePending</c>; a waiter registers
/// in those, then re-reads the sequence. One of them must see the other's store, which takes a full fence on each
/// side between its store and its load. Either the waker pays it on every signal (<c>wakersFence</c>: true, as
/// <see cref="BlockingWaitStrategy"/> does), or the waiter pays for both sides with a process-wide fence before each
/// re-check (<c>wakersFence</c>: false, <see cref="HybridWaitStrategy"/>), and publishing stays a plain store and load.
/// </remarks>
internal sealed class ParkingLot
{
    /// <summary>Default upper bound of one park: a safety net only, a publish or an alert wakes the waiter.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly bool _wakersFence;
    private readonly int _timeoutMs;
    private int _waiters;
    private int _wakePending;

    /// <param name="wakersFence">True when wakers fence on every signal; false when parking pays for both sides.</param>
    /// <param name="parkTimeout">Longest single park (<see cref="Timeout.InfiniteTimeSpan"/>: none), a safety net.</param>
    /// <param name="paramName">The strategy's parameter named in the error for a bad <paramref name="parkTimeout"/>.</param>
    public ParkingLot(bool wakersFence, TimeSpan parkTimeout, string paramName)
    {
        _wakersFence = wakersFence;
        _timeoutMs = ToMilliseconds(parkTimeout, paramName);
        ParkTimeout = parkTimeout;
    }

    /// <summary>Longest single park before the waiter re-checks on its own.</summary>
    public TimeSpan ParkTimeout { get; }

    /// <summary>Milliseconds for <see cref="Monitor.Wait(object, int)"/>: -1 for an infinite timeout.</summary>
    private static int ToMilliseconds(TimeSpan parkTimeout, string paramName)
    {
        if (parkTimeout == Timeout.InfiniteTimeSpan)
        {
            return Timeout.Infinite;
        }

        if (parkTimeout <= TimeSpan.Zero || parkTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(paramName, parkTimeout,
                "The park timeout must be positive and at most int.MaxValue milliseconds, or Timeout.InfiniteTimeSpan.");
        }

        return Math.Max(1, (int)parkTimeout.TotalMilliseconds);
    }

    /// <summary>
    /// Parks until the barrier's available sequence reaches <paramref name="sequence"/>, the barrier is alerted, or
    /// <see cref="ParkTimeout"/> passes without a wake-up; returns the available sequence.
    /// </summary>
    public long Park(long sequence, SequenceBarrier barrier)
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
                    if (!_wakersFence)
                    {
                        // The wakers' side of the fence, paid here: it runs a full fence on every core running a thread
                        // of this process. A waker whose sequence store is not visible to the check below is therefore
                        // one whose later loads (it stores, then reads the counters) see our registration and reset:
                        // it finds us parked and no wake-up pending, and pulses once we wait. Only parking pays this
                        // (a system call, microseconds); the hot path of a publish stays a plain store and a plain load.
                        Interlocked.MemoryBarrierProcessWide();
                    }

                    if ((available = barrier.AvailableSequence) >= sequence || barrier.IsAlertedOrTimedOut)
                    {
                        break;
                    }

                    if (!Monitor.Wait(_gate, WaitMilliseconds(barrier.TimeoutAt)))
                    {
                        available = barrier.AvailableSequence;
                        break;
                    }

                    // Woken: most often the sequence is there, so skip the fence and the reset.
                    if ((available = barrier.AvailableSequence) >= sequence || barrier.IsAlerted)
                    {
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

    /// <summary>The park timeout, shortened to the barrier's idle deadline when that comes first.</summary>
    private int WaitMilliseconds(long timeoutAt)
    {
        if (timeoutAt == long.MaxValue)
        {
            return _timeoutMs;
        }

        long remaining = (long)Math.Ceiling((timeoutAt - System.Diagnostics.Stopwatch.GetTimestamp()) * 1000.0 / System.Diagnostics.Stopwatch.Frequency);
        int untilDeadline = (int)Math.Clamp(remaining, 1, int.MaxValue);
        return _timeoutMs == Timeout.Infinite ? untilDeadline : Math.Min(_timeoutMs, untilDeadline);
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
