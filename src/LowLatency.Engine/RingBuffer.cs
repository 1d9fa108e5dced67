using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowLatency.Engine.Internal;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine;

/// <summary>
/// A ring of preallocated unmanaged structs. Producers claim a sequence, write the slot in place through a
/// <c>ref</c>, then publish it; handlers read and update the same slot. Nothing is allocated after construction.
/// </summary>
/// <typeparam name="T">The event: an unmanaged struct, ideally at most 64 bytes (one cache line).</typeparam>
public sealed partial class RingBuffer<T>
    where T : unmanaged
{
    // Extra slots before and after the ring so its first and last slots never share a line with another object.
    private static readonly int s_padSlots = (CacheLine.Size * 2 + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>();

    // Pinned, so the slot-zero offset below stays valid: the GC never moves the array.
    private readonly T[] _entries;

    // Byte offset of slot zero in the array: past the padding, rounded up to a cache line when T's size allows it,
    // so a 64-byte event occupies exactly one line instead of straddling two.
    private readonly nint _slotZeroOffset;
    private readonly long _mask;

    // Exactly one of these is set. Two sealed types instead of a virtual call: the branch predicts perfectly and
    // both Next and Publish inline.
    private readonly SingleProducerSequencer? _single;
    private readonly MultiProducerSequencer? _multi;

    private RingBuffer(Sequencer sequencer)
    {
        Sequencer = sequencer;
        _single = sequencer as SingleProducerSequencer;
        _multi = sequencer as MultiProducerSequencer;
        int alignmentSlack = (CacheLine.Size + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>();
        _entries = GC.AllocateArray<T>(sequencer.BufferSize + s_padSlots * 2 + alignmentSlack, pinned: true);
        _slotZeroOffset = SlotZeroOffset(_entries);
        _mask = sequencer.BufferSize - 1;
    }

    /// <summary>A ring for exactly one publishing thread.</summary>
    public static RingBuffer<T> CreateSingleProducer(int bufferSize, IWaitStrategy? waitStrategy = null) =>
        new(new SingleProducerSequencer(bufferSize, waitStrategy ?? new HybridWaitStrategy()));

    /// <summary>A ring that any number of threads may publish to concurrently.</summary>
    public static RingBuffer<T> CreateMultiProducer(int bufferSize, IWaitStrategy? waitStrategy = null) =>
        new(new MultiProducerSequencer(bufferSize, waitStrategy ?? new HybridWaitStrategy()));

    public static RingBuffer<T> Create(ProducerType producerType, int bufferSize, IWaitStrategy? waitStrategy = null) =>
        producerType == ProducerType.Single
            ? CreateSingleProducer(bufferSize, waitStrategy)
            : CreateMultiProducer(bufferSize, waitStrategy);

    public Sequencer Sequencer { get; }

    /// <summary>The backing array, padding included (layout tests).</summary>
    internal T[] Entries => _entries;

    /// <summary>Slot zero, for processors that index with the mask kept in a register.</summary>
    internal ref T SlotZero =>
        ref Unsafe.AddByteOffset(ref MemoryMarshal.GetArrayDataReference(_entries), _slotZeroOffset);

    public ProducerType ProducerType => _single is not null ? ProducerType.Single : ProducerType.Multi;

    public int BufferSize => Sequencer.BufferSize;

    /// <summary>Highest published (single producer) or claimed (multi producer) sequence.</summary>
    public long Cursor => Sequencer.Cursor.Value;

    /// <summary>Slots a producer could claim right now without waiting.</summary>
    public long RemainingCapacity => Sequencer.RemainingCapacity;

    /// <summary>The slot for <paramref name="sequence"/>, by reference: write it in place, never copy it out.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref SlotZero, (int)(sequence & _mask));
    }

    /// <summary>Claims the next slot, waiting while the ring is full. Publish it with <see cref="Publish(long)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _single is not null ? _single.Next(1) : _multi!.Next(1);

    /// <summary>Claims the next <paramref name="n"/> slots and returns the highest; the lowest is the result minus n plus 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n) => _single is not null ? _single.Next(n) : _multi!.Next(n);

    /// <summary>Claims the next slot if one is free now; false when the ring is full (the producer decides what to do).</summary>
    public bool TryNext(out long sequence) => TryNext(1, out sequence);

    /// <summary>Claims the next <paramref name="n"/> slots if they are all free now.</summary>
    public bool TryNext(int n, out long highestSequence) =>
        _single is not null ? _single.TryNext(n, out highestSequence) : _multi!.TryNext(n, out highestSequence);

    /// <summary>Makes the claimed slot visible to the handlers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (_single is not null)
        {
            _single.Publish(sequence);
        }
        else
        {
            _multi!.Publish(sequence);
        }
    }

    /// <summary>Makes the claimed slots <paramref name="low"/>..<paramref name="high"/> visible, signalling once.</summary>
    public void Publish(long low, long high)
    {
        if (_single is not null)
        {
            _single.Publish(high);
        }
        else
        {
            _multi!.Publish(low, high);
        }
    }

    /// <summary>True while <paramref name="sequence"/> is published and its slot not yet reused by a later lap.</summary>
    public bool IsPublished(long sequence) => Sequencer.IsPublished(sequence);

    /// <summary>Claims one slot; the returned scope publishes it on <c>Dispose</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Claim ClaimNext() => new(this, Next());

    /// <summary>Claims <paramref name="count"/> slots at once; the returned scope publishes them all on <c>Dispose</c>.</summary>
    public BatchClaim ClaimBatch(int count) => new(this, Next(count), count);

    private static unsafe nint SlotZeroOffset(T[] entries)
    {
        nint offset = s_padSlots * Unsafe.SizeOf<T>();
        if (Unsafe.SizeOf<T>() % sizeof(long) != 0)
        {
            return offset; // shifting by a non-multiple of 8 would misalign T's fields
        }

        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(entries)) + offset;
        return offset + ((CacheLine.Size - (address % CacheLine.Size)) % CacheLine.Size);
    }

    /// <summary>A barrier over <paramref name="dependents"/>, or over the cursor when there are none.</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => new(Sequencer, dependents);
}
