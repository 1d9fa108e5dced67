using System.Runtime.CompilerServices;
using LowLatency.Engine.Internal;

namespace LowLatency.Engine;

/// <summary>
/// Hands out ring slots to producers and tracks what is published. The ring never overwrites a slot that the
/// slowest gating sequence (the last stage of the pipeline) has not finished.
/// </summary>
public abstract class Sequencer
{
    private protected readonly int _bufferSize;
    private protected readonly Sequence _cursor = new();
    private protected readonly IWaitStrategy _waitStrategy;

    // Null unless the strategy parks waiters: spinning strategies then cost a publish nothing.
    private protected readonly IWaitStrategy? _signaller;
    private protected Sequence[] _gatingSequences = [];
    private readonly object _gatingWriters = new();
    private volatile int _state;

    // Closed: no new claims (graceful shutdown draining). Halted: a handler failed or Halt() was called. Stopped: the
    // handlers are gone after a shutdown, so a producer still waiting for space must give up rather than wait forever.
    private const int Open = 0, Closed = 1, Halted = 2, Stopped = 3;

    private protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        if (!RingCapacity.IsValid(bufferSize))
        {
            ThrowHelper.BufferSizeNotPowerOfTwo(bufferSize);
        }

        ArgumentNullException.ThrowIfNull(waitStrategy);
        _bufferSize = bufferSize;
        _waitStrategy = waitStrategy;
        _signaller = waitStrategy.IsBlocking ? waitStrategy : null;
    }

    public int BufferSize => _bufferSize;

    /// <summary>The cursor: highest published sequence (single producer) or highest claimed sequence (multi producer).</summary>
    public Sequence Cursor => _cursor;

    public IWaitStrategy WaitStrategy => _waitStrategy;

    /// <summary>True once <see cref="Close"/> or <see cref="Halt"/> was called: claims now throw.</summary>
    public bool IsClosed => _state != Open;

    /// <summary>True once the pipeline halted: claims throw <see cref="PipelineHaltedException"/>.</summary>
    public bool IsHalted => _state == Halted;

    /// <summary>
    /// Adds consumers that producers must not lap, beside those already there: several consumer groups may share a
    /// ring. Each added sequence is moved to the highest claimed sequence, so its consumer sees every event claimed
    /// from now on and nothing claimed before (those slots may already have been lapped). Safe while producers run;
    /// add a consumer's sequence before the consumer starts reading.
    /// </summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        lock (_gatingWriters)
        {
            // A provisional start, so producers that pick up the new array below never see a value above it.
            MoveTo(sequences, HighestClaimed);
            Volatile.Write(ref _gatingSequences, [.. _gatingSequences, .. sequences]); // release: elements before the array

            // A producer that read the old array may still claim without looking again, up to the bound it cached
            // plus the ring size; that bound never exceeds a claim it had made before reading the array (with no
            // gating at all, its previous claim). The process-wide fence makes every claim made before a read of
            // the old array visible to the read below, so the final start is at or past any such bound and no
            // producer can lap the new consumer. Process-wide rather than a fence in Next: producers pay nothing.
            Interlocked.MemoryBarrierProcessWide();
            MoveTo(sequences, HighestClaimed);
        }
    }

    /// <summary>Stops <paramref name="sequence"/> from gating producers (its consumer is detached); false if it did not.</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        lock (_gatingWriters)
        {
            Sequence[] current = _gatingSequences;
            Sequence[] kept = Array.FindAll(current, s => !ReferenceEquals(s, sequence));
            Volatile.Write(ref _gatingSequences, kept); // release: elements before the array
            return kept.Length != current.Length;
        }
    }

    /// <summary>
    /// Hands gating over from <paramref name="predecessors"/> to <paramref name="follower"/>, a later stage that only
    /// reads what they finished. It starts at their slowest position, so the gate does not move and the follower sees
    /// every event they will see. The predecessors must not be running yet (a pipeline being configured).
    /// </summary>
    internal void AddFollower(Sequence follower, Sequence[] predecessors)
    {
        lock (_gatingWriters)
        {
            follower.SetRelease(Sequence.Minimum(predecessors, HighestClaimed));
            Sequence[] kept = Array.FindAll(_gatingSequences, s => Array.IndexOf(predecessors, s) < 0);
            Volatile.Write(ref _gatingSequences, [.. kept, follower]); // release: elements before the array
        }
    }

    private static void MoveTo(Sequence[] sequences, long value)
    {
        foreach (Sequence s in sequences)
        {
            s.SetRelease(value);
        }
    }

    /// <summary>Refuses further claims (graceful shutdown). Already claimed slots may still be published.</summary>
    public void Close()
    {
        Interlocked.CompareExchange(ref _state, Closed, Open);
    }

    /// <summary>Refuses further claims and releases producers waiting for space, with <see cref="PipelineHaltedException"/>.</summary>
    public void Halt() => _state = Halted;

    /// <summary>
    /// The handlers stopped after a shutdown: producers still waiting for space get an <see cref="InvalidOperationException"/>
    /// instead of waiting for handlers that will never move again.
    /// </summary>
    public void MarkConsumersStopped()
    {
        int state;
        while ((state = _state) is Open or Closed && Interlocked.CompareExchange(ref _state, Stopped, state) != state)
        {
        }
    }

    /// <summary>Slots that can be claimed now without waiting.</summary>
    public long RemainingCapacity => _bufferSize - (HighestClaimed - Sequence.Minimum(_gatingSequences, HighestClaimed));

    /// <summary>Highest sequence handed out to a producer so far.</summary>
    public abstract long HighestClaimed { get; }

    /// <summary>Highest sequence such that it and everything from <paramref name="lowerBound"/> up to it is published.</summary>
    public abstract long GetHighestPublishedSequence(long lowerBound, long availableSequence);

    /// <summary>True while <paramref name="sequence"/> is published and its slot not yet reused by a later lap.</summary>
    public abstract bool IsPublished(long sequence);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void ThrowIfClosed()
    {
        if (_state != Open)
        {
            ThrowClosed();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected void ThrowClosed()
    {
        if (_state == Halted)
        {
            ThrowHelper.PipelineHalted();
        }

        ThrowHelper.PublishAfterShutdown();
    }

    /// <summary>Spins, then yields, until the slowest gating sequence lets <paramref name="wrapPoint"/> be claimed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected long WaitForCapacity(long wrapPoint, long whenNoGating)
    {
        var spinner = new SpinWait();
        long minimum;
        while (wrapPoint > (minimum = Sequence.Minimum(_gatingSequences, whenNoGating)))
        {
            if (_state >= Halted)
            {
                ThrowClosed(); // no handler will free the space: fail instead of waiting forever
            }

            // Never Sleep(1): a full ring drains in microseconds, and yielding hands the core to the consumers.
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return minimum;
    }
}
