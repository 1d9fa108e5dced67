using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowLatency.Engine.Internal;

namespace LowLatency.Engine;

/// <summary>
/// Sequencer for exactly one publishing thread. Claims are plain field increments; publishing is one release store
/// of the cursor. Calling it from two threads at once corrupts the ring: use <see cref="MultiProducerSequencer"/>.
/// </summary>
public sealed class SingleProducerSequencer : Sequencer
{
    // Producer-thread-only state, padded away from the cursor and the consumers' sequences.
    private ProducerFields _fields;

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _fields.NextValue = Sequence.InitialValue;
        _fields.CachedGating = Sequence.InitialValue;
    }

    // Volatile: read by other threads (the pipeline's drain, a consumer being added) while the producer claims.
    public override long HighestClaimed => Volatile.Read(ref _fields.NextValue);

    /// <summary>Claims the next <paramref name="n"/> slots, waiting for consumers if the ring is full; returns the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n = 1)
    {
        ThrowIfClosed();
        long current = _fields.NextValue;
        long next = current + n;
        long wrapPoint = next - _bufferSize;
        if (wrapPoint > _fields.CachedGating || (uint)(n - 1) >= (uint)_bufferSize)
        {
            NextSlow(n, wrapPoint, current);
        }

        _fields.NextValue = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NextSlow(int n, long wrapPoint, long current)
    {
        if ((uint)(n - 1) >= (uint)_bufferSize)
        {
            ThrowHelper.ClaimSizeOutOfRange(n, _bufferSize);
        }

        _fields.CachedGating = WaitForCapacity(wrapPoint, current);

        // A shutdown may have closed the ring while we waited; nothing is claimed yet, so refusing now loses nothing.
        ThrowIfClosed();
    }

    /// <summary>Claims the next <paramref name="n"/> slots if they are free now; false when the ring is full.</summary>
    public bool TryNext(int n, out long sequence)
    {
        ThrowIfClosed();
        if ((uint)(n - 1) >= (uint)_bufferSize)
        {
            ThrowHelper.ClaimSizeOutOfRange(n, _bufferSize);
        }

        long current = _fields.NextValue;
        long next = current + n;
        long wrapPoint = next - _bufferSize;
        if (wrapPoint > _fields.CachedGating)
        {
            long minimum = Sequence.Minimum(_gatingSequences, current);
            _fields.CachedGating = minimum;
            if (wrapPoint > minimum)
            {
                sequence = Sequence.InitialValue;
                return false;
            }
        }

        _fields.NextValue = next;
        sequence = next;
        return true;
    }

    /// <summary>Publishes everything up to <paramref name="sequence"/> with one release store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        _cursor.SetRelease(sequence);
        _signaller?.SignalAllWhenBlocking();
    }

    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence) => availableSequence;

    /// <summary>
    /// True while <paramref name="sequence"/> is published and its slot not yet reused: false again once
    /// <paramref name="sequence"/> plus the ring size is published, as with the multi-producer sequencer.
    /// </summary>
    public override bool IsPublished(long sequence)
    {
        long cursor = _cursor.Value;
        return sequence <= cursor && sequence > cursor - _bufferSize;
    }

    [StructLayout(LayoutKind.Explicit, Size = CacheLine.Pad * 2 + sizeof(long) * 2)]
    private struct ProducerFields
    {
        [FieldOffset(CacheLine.Pad)]
        public long NextValue;

        [FieldOffset(CacheLine.Pad + sizeof(long))]
        public long CachedGating;
    }
}
