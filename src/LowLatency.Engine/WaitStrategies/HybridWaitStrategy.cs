using System.Diagnostics;

namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// The default. Spins a little, then yields for a short spell (<see cref="YieldSpell"/>), then parks. Under load it
/// behaves like <see cref="YieldingWaitStrategy"/>, so more busy threads than cores still make progress; when idle
/// it stops burning CPU like <see cref="BlockingWaitStrategy"/>.
/// </summary>
/// <remarks>
/// Unlike the blocking strategy, publishers signal without a full fence, so the hot path stays a plain store and one
/// read. The price is a rare missed wake-up (a publish racing with a consumer that is just parking); parks are
/// therefore capped at <see cref="ParkTimeoutMs"/>, which bounds the cost of that race to one millisecond.
/// </remarks>
public sealed class HybridWaitStrategy : IWaitStrategy
{
    /// <summary>Longest single park; also the worst case added by a missed wake-up.</summary>
    public const int ParkTimeoutMs = 1;

    // Few spins, as in YieldingWaitStrategy: on an oversubscribed machine a spin holds the core the awaited thread needs.
    private const int SpinTries = 10;

    private readonly ParkingLot _parking = new();
    private readonly long _yieldSpellTicks;

    public HybridWaitStrategy()
        : this(TimeSpan.FromMilliseconds(1))
    {
    }

    public HybridWaitStrategy(TimeSpan yieldSpell)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(yieldSpell, TimeSpan.Zero);
        YieldSpell = yieldSpell;
        _yieldSpellTicks = (long)(yieldSpell.TotalSeconds * Stopwatch.Frequency);
    }

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
        while ((available = barrier.AvailableSequence) < sequence && !barrier.IsAlerted)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                // Stay parked: returning after each short park would restart the spin and yield spell every
                // millisecond and keep an idle handler half busy.
                do
                {
                    available = _parking.Park(sequence, barrier, ParkTimeoutMs);
                }
                while (available < sequence && !barrier.IsAlerted);

                return available;
            }

            Thread.Yield();
        }

        return available;
    }

    public void SignalAllWhenBlocking() => _parking.WakeAllIfAnyParked();
}
