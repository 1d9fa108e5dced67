using System.Runtime.CompilerServices;

namespace LowLatency.Engine;

public sealed partial class RingBuffer<T>
{
    /// <summary>One claimed slot. Write <see cref="Event"/> in place; <see cref="Dispose"/> publishes it.</summary>
    public readonly ref struct Claim
    {
        private readonly RingBuffer<T> _ring;

        internal Claim(RingBuffer<T> ring, long sequence)
        {
            _ring = ring;
            Sequence = sequence;
        }

        public long Sequence { get; }

        public ref T Event
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => ref _ring[Sequence];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Dispose() => _ring.Publish(Sequence);
    }

    /// <summary>A run of claimed slots, indexed 0..Count-1. <see cref="Dispose"/> publishes them all at once.</summary>
    public readonly ref struct BatchClaim
    {
        private readonly RingBuffer<T> _ring;

        internal BatchClaim(RingBuffer<T> ring, long highSequence, int count)
        {
            _ring = ring;
            HighSequence = highSequence;
            Count = count;
        }

        public int Count { get; }

        public long HighSequence { get; }

        public long LowSequence => HighSequence - Count + 1;

        public ref T this[int index]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get
            {
                if ((uint)index >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                return ref _ring[LowSequence + index];
            }
        }

        public void Dispose() => _ring.Publish(LowSequence, HighSequence);
    }
}
