using System.Runtime.CompilerServices;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Hosting;

/// <summary>One claimed ring slot from <see cref="MarketPublisher.Claim"/>, blank: write <see cref="Event"/> in place;
/// <see cref="Dispose"/> seals it (<see cref="MarketEventSlot.Seal(ref MarketEvent)"/>: stage fields cleared, ingest time stamped) and
/// publishes it. Dispose exactly once, or the stages (and a graceful stop) wait for the slot forever.</summary>
public readonly ref struct MarketClaim
{
    // The engine's claim of the slot, so sequence and indexing stay in one place; this adds only the seal.
    private readonly RingBuffer<MarketEvent>.Claim _claim;

    internal MarketClaim(RingBuffer<MarketEvent>.Claim claim)
    {
        _claim = claim;
    }

    public long Sequence => _claim.Sequence;

    public ref MarketEvent Event
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _claim.Event;
    }

    public void Dispose()
    {
        MarketEventSlot.Seal(ref _claim.Event);
        _claim.Dispose();
    }
}
