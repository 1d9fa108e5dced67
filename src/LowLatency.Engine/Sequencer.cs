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
    private volatile int _state;

    // Closed: no new claims (graceful shutdown draining). Halted: a handler failed or Halt() was called. Stopped: the
    // handlers are gone after a shutdown, so a producer still waiting for space must give up rather than wait forever.
    private const int Open = 0, Closed = 1, Halted = 2, Stopped = 3;

    private protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        if (bufferSize < 2 || bufferSize > 1 << 30 || (bufferSize & (bufferSize - 1)) != 0)
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

    /// <summary>Sets the sequences producers must not lap: the last stage of the pipeline. Call before publishing.</summary>
    public void SetGatingSequences(Sequence[] sequences) => Volatile.Write(ref _gatingSequences, sequences); // release: a producer reading the array sees its elements

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
