using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowLatency.Engine.Internal;

namespace LowLatency.Engine;

/// <summary>
/// Sequencer for any number of publishing threads. The cursor is a claim counter advanced atomically; each slot has
/// a published flag holding the lap number of its last publish, so consumers read only contiguous published runs.
/// </summary>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly int[] _published;
    private readonly int _indexMask;
    private readonly int _indexShift;

    // Shared among producers: the last gating minimum one of them saw, so most claims skip scanning consumers.
    private readonly Sequence _gatingCache = new();

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _published = new int[bufferSize];
        Array.Fill(_published, -1);
        _indexMask = bufferSize - 1;
        _indexShift = System.Numerics.BitOperations.Log2((uint)bufferSize);
    }

    public override long HighestClaimed => _cursor.Value;

    /// <summary>Claims the next <paramref name="n"/> slots, waiting for consumers if the ring is full; returns the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n = 1)
    {
        ThrowIfClosed();
        if ((uint)(n - 1) >= (uint)_bufferSize)
        {
            ThrowHelper.ClaimSizeOutOfRange(n, _bufferSize);
        }

        // Full fence: the claim is ours before we look at the gate.
        long next = _cursor.AddAndGet(n);
        long current = next - n;
        long wrapPoint = next - _bufferSize;
        long cachedGating = _gatingCache.Value;
        if (wrapPoint > cachedGating || cachedGating > current)
        {
            _gatingCache.SetRelease(WaitForCapacity(wrapPoint, current));
        }

        return next;
    }

    /// <summary>Claims the next <paramref name="n"/> slots if they are free now; false when the ring is full.</summary>
    public bool TryNext(int n, out long sequence)
    {
        ThrowIfClosed();
        if ((uint)(n - 1) >= (uint)_bufferSize)
        {
            ThrowHelper.ClaimSizeOutOfRange(n, _bufferSize);
        }

        while (true)
        {
            long current = _cursor.Value;
            long next = current + n;
            long wrapPoint = next - _bufferSize;
            long cachedGating = _gatingCache.Value;
            if (wrapPoint > cachedGating || cachedGating > current)
            {
                long minimum = Sequence.Minimum(_gatingSequences, current);
                _gatingCache.SetRelease(minimum);
                if (wrapPoint > minimum)
                {
                    sequence = Sequence.InitialValue;
                    return false;
                }
            }

            // Full fence; retry if another producer claimed in between.
            if (_cursor.CompareAndSet(current, next))
            {
                sequence = next;
                return true;
            }
        }
    }

    /// <summary>Publishes one slot: a release store of its lap number, so the slot's contents are visible first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        MarkPublished(sequence);
        _signaller?.SignalAllWhenBlocking();
    }

    /// <summary>Publishes every slot from <paramref name="low"/> to <paramref name="high"/>, then signals once.</summary>
    public void Publish(long low, long high)
    {
        for (long s = low; s <= high; s++)
        {
            MarkPublished(s);
        }

        _signaller?.SignalAllWhenBlocking();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkPublished(long sequence)
    {
        ref int flag = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_published), (int)sequence & _indexMask);
        Volatile.Write(ref flag, (int)(sequence >>> _indexShift)); // release: orders the slot writes before the flag
    }

    public override bool IsPublished(long sequence)
    {
        ref int flag = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_published), (int)sequence & _indexMask);
        return Volatile.Read(ref flag) == (int)(sequence >>> _indexShift); // acquire: slot reads come after
    }

    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence)
    {
        for (long s = lowerBound; s <= availableSequence; s++)
        {
            if (!IsPublished(s))
            {
                return s - 1;
            }
        }

        return availableSequence;
    }
}
