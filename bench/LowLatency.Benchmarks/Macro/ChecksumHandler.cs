using System.Runtime.CompilerServices;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The single handler of the 1→1 and 3→1 benchmarks, for ours and every rival: counts events and sums two fields,
/// so the event is really read and a lost or duplicated event is caught at cleanup.
/// </summary>
internal struct ChecksumHandler : IEventHandler<MarketEvent>
{
    private long _count;
    private long _sum;

    public readonly long Count => _count;

    public readonly long Sum => _sum;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Of(in MarketEvent e) => unchecked(e.Price.Raw + e.Size.Raw);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        _count++;
        _sum = unchecked(_sum + Of(in data));
    }

    /// <summary>Throws unless exactly events 0 .. <paramref name="published"/>-1 of <paramref name="source"/> were handled.</summary>
    public readonly void Verify(string rig, long published, EventSource source)
    {
        if (_count != published || _sum != source.Checksum(published))
        {
            throw new InvalidOperationException(
                $"{rig}: handled {_count} events (checksum {_sum}), expected {published} (checksum {source.Checksum(published)}).");
        }
    }
}
