using System.Runtime.CompilerServices;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// One stage of the three-stage chain (<see cref="ChainBenchmarks"/>): reads the slot's price and the previous stage's
/// value, writes its own value into the slot and adds it to its checksum. The values live in three consecutive
/// 8-byte fields of the 64-byte <see cref="MarketEvent"/> that the chain does not otherwise need: stage 1 writes
/// <see cref="MarketEvent.AskPrice"/>, stage 2 <see cref="MarketEvent.AskSize"/>, stage 3
/// <see cref="MarketEvent.RollingVwap"/>; the "value" before stage 1 is the producer's <see cref="MarketEvent.Size"/>.
/// A stage that ran before its predecessor finished the slot would read the source's ask field instead, and its
/// checksum would not match <see cref="Reference"/>.
/// </summary>
internal struct ChainStageHandler : IEventHandler<MarketEvent>
{
    public const int StageCount = 3;

    private readonly int _stage;
    private long _count;
    private long _sum;

    /// <param name="stage">1, 2 or 3.</param>
    public ChainStageHandler(int stage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stage, StageCount);
        _stage = stage;
    }

    public readonly int Stage => _stage;

    public readonly long Count => _count;

    public readonly long Sum => _sum;

    /// <summary>Stage <paramref name="stage"/>'s value from the price and the previous stage's value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Next(long price, long previous, int stage) => unchecked((previous * 3) + price + stage);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        long price = data.Price.Raw;
        long value;
        switch (_stage)
        {
            case 1:
                value = Next(price, data.Size.Raw, 1);
                data.AskPrice = FixedPoint.FromRaw(value);
                break;
            case 2:
                value = Next(price, data.AskPrice.Raw, 2);
                data.AskSize = FixedPoint.FromRaw(value);
                break;
            default:
                value = Next(price, data.AskSize.Raw, 3);
                data.RollingVwap = FixedPoint.FromRaw(value);
                break;
        }

        _count++;
        _sum = unchecked(_sum + value);
    }

    /// <summary>
    /// What stage <paramref name="stage"/> sums over events 0 .. <paramref name="published"/>-1 of
    /// <paramref name="source"/>: the chain computed straight from the source events, one cycle of the source at a time.
    /// </summary>
    public static long Reference(EventSource source, long published, int stage)
    {
        long cycle = 0;
        long tail = 0;
        long tailStart = published - (published % EventSource.Length);
        for (int n = 0; n < EventSource.Length; n++)
        {
            ref readonly MarketEvent e = ref source[n];
            long value = e.Size.Raw;
            for (int s = 1; s <= stage; s++)
            {
                value = Next(e.Price.Raw, value, s);
            }

            cycle = unchecked(cycle + value);
            if (n < published - tailStart)
            {
                tail = unchecked(tail + value);
            }
        }

        return unchecked((published / EventSource.Length * cycle) + tail);
    }

    /// <summary>Throws unless this stage handled exactly events 0 .. <paramref name="published"/>-1 of <paramref name="source"/>.</summary>
    public readonly void Verify(string rig, long published, EventSource source)
    {
        long expected = Reference(source, published, _stage);
        if (_count != published || _sum != expected)
        {
            throw new InvalidOperationException(
                $"{rig}: stage {_stage} handled {_count} events (checksum {_sum}), expected {published} (checksum {expected}).");
        }
    }
}
