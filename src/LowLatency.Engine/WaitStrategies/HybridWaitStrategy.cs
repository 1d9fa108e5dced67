using System.Diagnostics;

namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// The default. Spins a little, then yields for a short spell (<see cref="YieldSpell"/>), then parks. Under load it
/// behaves like <see cref="YieldingWaitStrategy"/>, so more busy threads than cores still make progress; when idle
/// it stops burning CPU like <see cref="BlockingWaitStrategy"/>.
/// </summary>
/// <remarks>
/// Unlike the blocking strategy, publishers signal without a full fence, so the hot path stays a plain store and one
/// read. No wake-up is lost for it: a consumer about to park pays for both sides with a process-wide fence before its
/// last check (see <c>ParkingLot</c>), so parking costs microseconds more and publishing nothing. The park timeout
/// (<see cref="ParkTimeout"/>) is only a safety net.
/// </remarks>
public sealed class HybridWaitStrategy : IWaitStrategy
{
    // Few spins, as in YieldingWaitStrategy: on an oversubscribed machine a spin holds the core the awaited thread needs.
    private const int SpinTries = 10;

    private readonly ParkingLot _parking;
    private readonly long _yieldSpellTicks;

    public HybridWaitStrategy()
        : this(TimeSpan.FromMilliseconds(1))
    {
    }

    public HybridWaitStrategy(TimeSpan yieldSpell)
        : this(yieldSpell, ParkingLot.SafetyTimeout)
    {
    }

    /// <param name="yieldSpell">How long a waiter keeps yielding before it parks.</param>
    /// <param name="parkTimeout">
    /// Longest single park. <see cref="Timeout.InfiniteTimeSpan"/> removes it (tests use that, so a lost wake-up
    /// hangs instead of hiding behind the timeout).
    /// </param>
    public HybridWaitStrategy(TimeSpan yieldSpell, TimeSpan parkTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(yieldSpell, TimeSpan.Zero);
        YieldSpell = yieldSpell;
        _yieldSpellTicks = (long)(yieldSpell.TotalSeconds * Stopwatch.Frequency);
        _parking = new ParkingLot(wakersFence: false, parkTimeout, nameof(parkTimeout));
    }

    /// <summary>Longest single park before the waiter re-checks on its own.</summary>
    public TimeSpan ParkTimeout => _parking.ParkTimeout;

    /// <summary>How long a waiter keeps yielding before it parks.</summary>
    public TimeSpan YieldSpell { get; }

    public bool IsBlocking => true;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available;
        for (int i = 0; i < SpinTries; i++)
        {
            if ((available = barrier.AvailableSequence) >= sequence || barrier.IsAlerted)
            {
                return available;
            }

            Thread.SpinWait(1);
        }

        long deadline = Stopwatch.GetTimestamp() + _yieldSpellTicks;
        while ((available = barrier.AvailableSequence) < sequence && !barrier.IsAlertedOrTimedOut)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                // Stay parked: returning after each short park would restart the spin and yield spell every
                // millisecond and keep an idle handler half busy.
                do
                {
                    available = _parking.Park(sequence, barrier);
                }
                while (available < sequence && !barrier.IsAlertedOrTimedOut);

                return available;
            }

            Thread.Yield();
        }

        return available;
    }

    public void SignalAllWhenBlocking() => _parking.WakeAllIfAnyParked();
}
