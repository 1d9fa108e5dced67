using System.Diagnostics;
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
    private long _timeoutAt = long.MaxValue; // written and read by the waiting thread only

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
    /// Stopwatch timestamp at which a wait gives up so the handler's idle timeout can run; <see cref="long.MaxValue"/>
    /// when none. Set by the waiting thread before it waits.
    /// </summary>
    public long TimeoutAt
    {
        get => _timeoutAt;
        internal set => _timeoutAt = value;
    }

    /// <summary>True once <see cref="TimeoutAt"/> has passed. Reads the clock only when a timeout is set.</summary>
    public bool IsTimedOut
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _timeoutAt != long.MaxValue && Stopwatch.GetTimestamp() >= _timeoutAt;
    }

    /// <summary>What a wait strategy checks between polls: stop waiting when alerted or timed out.</summary>
    public bool IsAlertedOrTimedOut
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _alerted || IsTimedOut;
    }

    /// <summary>
    /// Returns the highest sequence, at least <paramref name="sequence"/>, that may be processed now; a smaller value
    /// means the wait was cut short (alert, <see cref="TimeoutAt"/> or strategy timeout).
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

        return PublishedFrom(sequence, available);
    }

    /// <summary>
    /// Without waiting: the highest sequence that may be processed, given that everything before
    /// <paramref name="from"/> may be; <c>from - 1</c> when nothing more is. Multi-producer rings scan the published
    /// flags from <paramref name="from"/> only.
    /// </summary>
    internal long PeekAvailable(long from)
    {
        long available = AvailableSequence;
        if (available < from)
        {
            return from - 1;
        }

        return PublishedFrom(from, available);
    }

    /// <summary>The highest of <paramref name="from"/>..<paramref name="available"/> whose slots are all published.
    /// Only a first stage behind several producers can see claimed-but-unpublished slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long PublishedFrom(long from, long available) =>
        _waitsOnCursor ? _sequencer.GetHighestPublishedSequence(from, available) : available;

    /// <summary>Tells the handler behind this barrier to stop, and wakes it if it is parked.</summary>
    public void Alert()
    {
        _alerted = true;
        _waitStrategy.SignalAllWhenBlocking();
    }
}
