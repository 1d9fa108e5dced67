using System.Runtime.CompilerServices;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Hosting;

/// <summary>One claimed ring slot from <see cref="MarketPublisher.Claim"/>, blank: write <see cref="Event"/> in place;
/// <see cref="Dispose"/> seals it (<see cref="MarketEventSlot.Seal"/>: stage fields cleared, ingest time stamped) and
/// publishes it. Dispose exactly once, or the stages (and a graceful stop) wait for the slot forever.</summary>
public readonly ref struct MarketClaim
{
    private readonly RingBuffer<MarketEvent> _ring;

    internal MarketClaim(RingBuffer<MarketEvent> ring, long sequence)
    {
        _ring = ring;
        Sequence = sequence;
    }

    public long Sequence { get; }

    public ref MarketEvent Event
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _ring[Sequence];
    }

    public void Dispose()
    {
        MarketEventSlot.Seal(ref _ring[Sequence]);
        _ring.Publish(Sequence);
    }
}
