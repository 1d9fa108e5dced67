using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests;

public sealed class FillLogTests
{
    [Fact]
    public void Append_BeyondCapacity_KeepsFirstFillsAndCountsAllBySymbolAndSide()
    {
        var log = new FillLog(capacity: 2, symbolCapacity: 2);
        var a = new SymbolId(0);
        var b = new SymbolId(1);
        Fill[] fills =
        [
            new(a, SignalSide.Buy, P(1m), P(10m), 5, 1, 0, 1, P(1m), 0),
            new(b, SignalSide.Sell, P(2m), P(20m), 6, 2, 1, 2, P(-2m), 0),
            new(a, SignalSide.Sell, P(1m), P(11m), 7, 3, 2, 3, P(0m), (Int128)FixedPoint.Scale * FixedPoint.Scale),
        ];

        foreach (Fill fill in fills)
        {
            log.Append(fill);
        }

        Assert.Equal(fills[..2], log.Fills.ToArray());
        Assert.Equal((2, 3L, 1L, 1L, 2L), (log.Count, log.TotalCount, log.OverflowCount, log.BuyCount, log.SellCount));
        Assert.Equal((1L, 1L, 0L, 1L), (log.GetCount(a, SignalSide.Buy), log.GetCount(a, SignalSide.Sell), log.GetCount(b, SignalSide.Buy), log.GetCount(b, SignalSide.Sell)));
        Assert.Equal(1m, fills[2].RealizedPnlAfter);
        Assert.Throws<ArgumentException>(() => log.Append(fills[0] with { Symbol = new SymbolId(2) }));
    }
}
