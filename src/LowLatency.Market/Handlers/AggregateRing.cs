using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LowLatency.Market.Handlers;

/// <summary>
/// The second line of a ring slot: an <see cref="AggregateView"/> per sequence, indexed <c>sequence &amp; mask</c>. The
/// aggregator writes a sequence's view before it releases the sequence and the strategy reads it after acquiring it, so
/// the view needs no synchronisation of its own. Sized by <see cref="StrategyViews"/>: one per ring slot (the producer
/// cannot reuse a slot, nor the aggregator its view, before the strategy is done with it), or fewer when the two stages
/// share a thread and can never be that far apart.
/// </summary>
internal sealed class AggregateRing
{
    private const int LongsPerView = 8;

    // Pinned, with the first view on a 64-byte boundary so each view is exactly one cache line.
    private long[] _storage = [];
    private int _first;
    private long _mask;

    public AggregateRing(int size) => Resize(size);

    /// <summary>Views held (a power of two); sequences map onto them modulo this.</summary>
    public int Size => (int)(_mask + 1);

    /// <summary>Holds <paramref name="size"/> views from now on (a power of two), forgetting every view: only before the
    /// stages run.</summary>
    public void Resize(int size)
    {
        _storage = GC.AllocateArray<long>(checked((size + 1) * LongsPerView), pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_storage, 0);
        _first = (int)((64 - (address & 63)) & 63) / sizeof(long);
        _mask = size - 1;
    }

    public ref AggregateView this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.As<long, AggregateView>(ref _storage[_first + ((sequence & _mask) * LongsPerView)]);
    }
}
