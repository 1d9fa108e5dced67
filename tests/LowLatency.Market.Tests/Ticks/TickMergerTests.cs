using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;

namespace LowLatency.Market.Tests.Ticks;

public sealed class TickMergerTests
{
    private static readonly SymbolId s_a = new(0), s_b = new(1), s_c = new(2);

    [Fact]
    public void TryRead_ThreeSources_TimestampOrderStableForTies()
    {
        // Each event's size encodes (source, index) so the merged order can be checked exactly.
        var first = new ArrayTickSource("a", [Trade(s_a, 10, 0), Trade(s_a, 20, 1), Trade(s_a, 20, 2), Trade(s_a, 50, 3)]);
        var second = new ArrayTickSource("b", [Trade(s_b, 5, 100), Trade(s_b, 20, 101), Trade(s_b, 60, 102)]);
        var third = new ArrayTickSource("c", [Trade(s_c, 20, 200)]);
        using var merger = new TickMerger([first, second, third]);

        var order = new List<long>();
        var e = default(MarketEvent);
        while (merger.TryRead(ref e))
        {
            order.Add(e.Size.Raw);
        }

        // Reference: a stable sort by timestamp of the inputs listed source by source.
        long[] expected = [100, 0, 1, 2, 101, 200, 3, 102];
        Assert.Equal(expected, order);
        Assert.False(merger.HasNext);
        Assert.Equal(8, merger.RowsRead);
    }

    [Fact]
    public void Peek_ShowsNextWithoutConsuming()
    {
        using var merger = new TickMerger([new ArrayTickSource("a", [Trade(s_a, 7, 1), Trade(s_a, 8, 2)])]);

        Assert.Equal(7, merger.Peek.TimestampNs);
        Assert.Equal(7, merger.Peek.TimestampNs);
        var e = default(MarketEvent);
        Assert.True(merger.TryRead(ref e));
        Assert.Equal(7, e.TimestampNs);
        Assert.Equal(8, merger.Peek.TimestampNs);
    }

    [Fact]
    public void TryRead_EmptySources_ReturnsFalse()
    {
        using var merger = new TickMerger([new ArrayTickSource("a", []), new ArrayTickSource("b", [])]);
        var e = default(MarketEvent);

        Assert.False(merger.HasNext);
        Assert.False(merger.TryRead(ref e));
    }

    [Fact]
    public void Dispose_DisposesEverySource()
    {
        var a = new ArrayTickSource("a", []);
        var b = new ArrayTickSource("b", [Trade(s_a, 1, 1)]);
        new TickMerger([a, b]).Dispose();

        Assert.True(a.Disposed);
        Assert.True(b.Disposed);
    }

    [Fact]
    public void TryRead_Steady_AllocatesNothing()
    {
        var events = new MarketEvent[200_000];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = Trade(new SymbolId(i % 3), i / 2, i);
        }

        using var merger = new TickMerger([new ArrayTickSource("a", events), new ArrayTickSource("b", events)]);
        var e = default(MarketEvent);

        // Five runs of 40 000 merged events: two warm up, then the best of up to three is measured.
        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 40_000; i++)
            {
                merger.TryRead(ref e);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static MarketEvent Trade(SymbolId symbol, long timestampNs, long marker) =>
        MarketEvent.Trade(symbol, FixedPoint.FromInt(100), FixedPoint.FromRaw(marker), timestampNs);
}
