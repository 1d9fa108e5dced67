using System.Runtime.CompilerServices;

namespace LowLatency.Engine;

/// <summary>
/// What one handler waits on: the producers' cursor for a first stage, or the sequences of the handlers it depends
/// on for a later stage. It also carries the alert that tells its handler to stop.
/// </summary>
public sealed class SequenceBarrier
{
    private readonly Sequencer _sequencer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence[] _dependents;
    private readonly Sequence _firstDependent;
    private readonly bool _waitsOnCursor;
    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer, Sequence[] dependents)
    {
        _sequencer = sequencer;
        _waitStrategy = sequencer.WaitStrategy;
        _waitsOnCursor = dependents.Length == 0;
        _dependents = _waitsOnCursor ? [sequencer.Cursor] : dependents;
        _firstDependent = _dependents[0];
    }

    /// <summary>The highest sequence every dependency has reached (for a first stage: the cursor).</summary>
    public long AvailableSequence
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _dependents.Length == 1 ? _firstDependent.Value : Sequence.Minimum(_dependents, long.MaxValue);
    }

    public bool IsAlerted => _alerted;

    /// <summary>
    /// Returns the highest sequence, at least <paramref name="sequence"/>, that may be processed now; a smaller value
    /// means the wait was cut short (alert or strategy timeout).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence)
    {
        long available = AvailableSequence;
        if (available < sequence)
        {
            available = _waitStrategy.WaitFor(sequence, this);
            if (available < sequence)
            {
                return available;
            }
        }

        // Only a first stage behind several producers can see claimed-but-unpublished slots.
        return _waitsOnCursor ? _sequencer.GetHighestPublishedSequence(sequence, available) : available;
    }

    /// <summary>Tells the handler behind this barrier to stop, and wakes it if it is parked.</summary>
    public void Alert()
    {
        _alerted = true;
        _waitStrategy.SignalAllWhenBlocking();
    }
}
