using System.Runtime.InteropServices;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Tests.Support;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Handlers;

public sealed class FilterHandlerTests
{
    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;
    private readonly SymbolId _msft = TestSymbols.Msft;

    [Fact]
    public void OnEvent_ValidTradeAndQuote_Accepted()
    {
        var filter = Create(new FilterOptions());

        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_aapl, 150.25m, 100m, 1_000)));
        Assert.Equal(FilterReason.None, Apply(ref filter, Quote(_aapl, 150.24m, 200m, 150.26m, 300m, 1_001)));
        Assert.Equal(2, filter.State.AcceptedCount);
        Assert.Equal(0, filter.State.FilteredCount);
    }

    [Fact]
    public void OnEvent_KindNone_UnknownKind()
    {
        var filter = Create(new FilterOptions());
        MarketEvent e = Trade(_aapl, 1m, 1m, 0);
        e.Kind = MarketEventKind.None;

        Assert.Equal(FilterReason.UnknownKind, Apply(ref filter, e));
    }

    [Theory]
    [InlineData(2)]    // not interned yet (table has 2 symbols)
    [InlineData(7)]    // within capacity but unassigned
    [InlineData(8)]    // beyond capacity
    [InlineData(-1)]
    public void OnEvent_IdOutsideTable_UnknownSymbol(int id)
    {
        var filter = Create(new FilterOptions());

        Assert.Equal(FilterReason.UnknownSymbol, Apply(ref filter, Trade(new SymbolId(id), 10m, 1m, 0)));
    }

    [Fact]
    public void OnEvent_SymbolNotOnAllowList_UnknownSymbol()
    {
        var filter = Create(new FilterOptions { AllowedSymbols = [_msft] });

        Assert.Equal(FilterReason.UnknownSymbol, Apply(ref filter, Trade(_aapl, 10m, 1m, 0)));
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_msft, 10m, 1m, 0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.01)]
    public void OnEvent_NonPositivePrice_NonPositivePrice(decimal price)
    {
        var filter = Create(new FilterOptions());

        Assert.Equal(FilterReason.NonPositivePrice, Apply(ref filter, Trade(_aapl, price, 1m, 0)));
        Assert.Equal(FilterReason.NonPositivePrice, Apply(ref filter, Quote(_aapl, price, 1m, 10m, 1m, 0)));
        Assert.Equal(FilterReason.NonPositivePrice, Apply(ref filter, Quote(_aapl, 10m, 1m, price, 1m, 0)));
        Assert.Equal(FilterReason.NonPositivePrice, Apply(ref filter, Trade(_aapl, price, 0m, 0))); // price is checked first
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void OnEvent_NonPositiveSize_NonPositiveSize(decimal size)
    {
        var filter = Create(new FilterOptions());

        Assert.Equal(FilterReason.NonPositiveSize, Apply(ref filter, Trade(_aapl, 10m, size, 0)));
    }

    [Fact]
    public void OnEvent_QuoteWithNegativeSize_NonPositiveSize()
    {
        var filter = Create(new FilterOptions());

        Assert.Equal(FilterReason.NonPositiveSize, Apply(ref filter, Quote(_aapl, 10m, -5m, 10.01m, 1m, 0)));
        Assert.Equal(FilterReason.NonPositiveSize, Apply(ref filter, Quote(_aapl, 10m, 1m, 10.01m, -5m, 0)));
    }

    [Fact]
    public void OnEvent_QuoteWithUnknownSizes_AcceptedAndBoundsSkipped()
    {
        // FX/CFD feeds publish prices only: size 0 means unknown, not empty.
        var filter = Create(new FilterOptions { MinSize = FixedPoint.FromInt(10) });

        Assert.Equal(FilterReason.None, Apply(ref filter, Quote(_aapl, 10m, 0m, 10.01m, 0m, 0)));
        Assert.Equal(FilterReason.SizeOutOfBounds, Apply(ref filter, Quote(_aapl, 10m, 0m, 10.01m, 5m, 1)));
    }

    [Theory]
    [InlineData(9.99999999, FilterReason.SizeOutOfBounds)]
    [InlineData(10, FilterReason.None)]
    [InlineData(1000, FilterReason.None)]
    [InlineData(1000.00000001, FilterReason.SizeOutOfBounds)]
    public void OnEvent_SizeBounds_InclusiveLimits(decimal size, FilterReason expected)
    {
        var options = new FilterOptions { MinSize = P(10m), MaxSize = P(1000m) };

        var trades = Create(options);
        var bidSide = Create(options);
        var askSide = Create(options);

        Assert.Equal(expected, Apply(ref trades, Trade(_aapl, 10m, size, 0)));
        Assert.Equal(expected, Apply(ref bidSide, Quote(_aapl, 10m, size, 10.01m, 100m, 0)));
        Assert.Equal(expected, Apply(ref askSide, Quote(_aapl, 10m, 100m, 10.01m, size, 0)));
    }

    [Theory]
    [InlineData(1000, FilterReason.None)]                // exactly last × 10
    [InlineData(1000.00000001, FilterReason.PriceOutOfBand)]
    [InlineData(10, FilterReason.None)]                  // exactly last / 10
    [InlineData(9.99999999, FilterReason.PriceOutOfBand)]
    [InlineData(0.01, FilterReason.PriceOutOfBand)]
    public void OnEvent_PriceBandAroundLastAccepted_ExactBoundaries(decimal price, FilterReason expected)
    {
        var filter = Create(new FilterOptions());
        Apply(ref filter, Trade(_aapl, 100m, 1m, 0));

        Assert.Equal(expected, Apply(ref filter, Trade(_aapl, price, 1m, 1)));
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_msft, price, 1m, 1))); // other symbol: no reference yet
    }

    [Fact]
    public void OnEvent_RejectedPrint_DoesNotMoveTheBandReference()
    {
        var filter = Create(new FilterOptions { PriceBand = P(2m) });
        Apply(ref filter, Trade(_aapl, 100m, 1m, 0));

        Assert.Equal(FilterReason.PriceOutOfBand, Apply(ref filter, Trade(_aapl, 300m, 1m, 1)));
        Assert.Equal(FilterReason.PriceOutOfBand, Apply(ref filter, Trade(_aapl, 250m, 1m, 2))); // still relative to 100
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_aapl, 200m, 1m, 3)));
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_aapl, 400m, 1m, 4)));           // now relative to 200
    }

    [Fact]
    public void OnEvent_QuoteMid_BecomesBandReference()
    {
        var filter = Create(new FilterOptions { PriceBand = P(2m) });
        Apply(ref filter, Quote(_aapl, 99.99m, 1m, 100.01m, 1m, 0)); // mid 100

        Assert.Equal(FilterReason.PriceOutOfBand, Apply(ref filter, Trade(_aapl, 200.01m, 1m, 1)));
        Assert.Equal(FilterReason.PriceOutOfBand, Apply(ref filter, Quote(_aapl, 49.99m, 1m, 100m, 1m, 1)));
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_aapl, 200m, 1m, 1)));
    }

    [Fact]
    public void OnEvent_ZeroBand_DisablesBandCheck()
    {
        var filter = Create(new FilterOptions { PriceBand = FixedPoint.Zero });
        Apply(ref filter, Trade(_aapl, 100m, 1m, 0));

        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_aapl, 100_000m, 1m, 1)));
    }

    [Fact]
    public void OnEvent_EarlierThanLastAcceptedOfSymbol_OutOfOrderTimestamp()
    {
        var filter = Create(new FilterOptions());
        Apply(ref filter, Trade(_aapl, 10m, 1m, 1_000));

        Assert.Equal(FilterReason.OutOfOrderTimestamp, Apply(ref filter, Trade(_aapl, 10m, 1m, 999)));
        Assert.Equal(FilterReason.OutOfOrderTimestamp, Apply(ref filter, Quote(_aapl, 10m, 1m, 10.01m, 1m, 999)));
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_aapl, 10m, 1m, 1_000)));  // equal is in order
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_msft, 10m, 1m, 500)));    // per symbol
    }

    [Fact]
    public void OnEvent_OlderThanStalenessLimit_StaleTimestamp()
    {
        var filter = Create(new FilterOptions { MaxStalenessNs = 100 });
        Apply(ref filter, Trade(_aapl, 10m, 1m, 10_000));

        Assert.Equal(FilterReason.StaleTimestamp, Apply(ref filter, Trade(_msft, 10m, 1m, 9_899)));
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_msft, 10m, 1m, 9_900)));        // exactly 100 old
        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_msft, 10m, 1m, 20_000)));
        Assert.Equal(FilterReason.StaleTimestamp, Apply(ref filter, Trade(_aapl, 10m, 1m, 19_899))); // newest is now 20 000
    }

    [Fact]
    public void OnEvent_StalenessOff_AcceptsOldEvents()
    {
        var filter = Create(new FilterOptions());
        Apply(ref filter, Trade(_aapl, 10m, 1m, long.MaxValue));

        Assert.Equal(FilterReason.None, Apply(ref filter, Trade(_msft, 10m, 1m, long.MinValue)));
    }

    [Fact]
    public void OnEvent_ExtremeTimestamps_StalenessDoesNotOverflow()
    {
        var filter = Create(new FilterOptions { MaxStalenessNs = 1 });
        Apply(ref filter, Trade(_aapl, 10m, 1m, long.MaxValue));

        Assert.Equal(FilterReason.StaleTimestamp, Apply(ref filter, Trade(_msft, 10m, 1m, long.MinValue)));
    }

    [Fact]
    public void OnEvent_OffMarketTrade_OffMarketPrintAfterSizeChecksBeforeTheBand()
    {
        var filter = Create(new FilterOptions { MaxSize = P(1000m) });
        Apply(ref filter, Trade(_aapl, 100m, 1m, 0));

        Assert.Equal(FilterReason.OffMarketPrint, Apply(ref filter, OffMarket(Trade(_aapl, 100.5m, 1m, 1))));
        Assert.Equal(FilterReason.OffMarketPrint, Apply(ref filter, OffMarket(Trade(_aapl, 5_000m, 1m, 2))));  // band not reached
        Assert.Equal(FilterReason.NonPositiveSize, Apply(ref filter, OffMarket(Trade(_aapl, 100m, 0m, 3))));
        Assert.Equal(FilterReason.SizeOutOfBounds, Apply(ref filter, OffMarket(Trade(_aapl, 100m, 2_000m, 4))));
        Assert.Equal(FilterReason.None, Apply(ref filter, OffMarket(Quote(_aapl, 99.9m, 1m, 100.1m, 1m, 5))));  // trades only
        Assert.Equal(FilterReason.PriceOutOfBand, Apply(ref filter, Trade(_aapl, 1_001m, 1m, 6)));             // still relative to 100
        Assert.Equal(2, filter.State.GetCount(FilterReason.OffMarketPrint));
    }

    [Theory]
    [InlineData(10.00, 10.00)]
    [InlineData(10.02, 10.01)]
    public void OnEvent_BidAtOrAboveAsk_CrossedQuote(decimal bid, decimal ask)
    {
        var filter = Create(new FilterOptions());

        Assert.Equal(FilterReason.CrossedQuote, Apply(ref filter, Quote(_aapl, bid, 1m, ask, 1m, 0)));
    }

    [Fact]
    public void OnEvent_MixedStream_CountsEachReasonExactly()
    {
        var filter = Create(new FilterOptions { MinSize = P(1m), MaxSize = P(1000m), MaxStalenessNs = 1_000 });
        MarketEvent none = Trade(_aapl, 1m, 1m, 0);
        none.Kind = MarketEventKind.None;
        MarketEvent[] events =
        [
            Trade(_aapl, 100m, 10m, 10_000),                 // None
            Trade(_aapl, 101m, 10m, 10_001),                 // None
            Trade(new SymbolId(5), 100m, 10m, 10_002),       // UnknownSymbol
            Trade(_aapl, 0m, 10m, 10_003),                   // NonPositivePrice
            Trade(_aapl, 100m, 0m, 10_004),                  // NonPositiveSize
            Trade(_aapl, 100m, 2000m, 10_005),               // SizeOutOfBounds
            Trade(_aapl, 5000m, 10m, 10_006),                // PriceOutOfBand
            Trade(_aapl, 100m, 10m, 9_000),                  // OutOfOrderTimestamp
            Trade(_msft, 100m, 10m, 8_000),                  // StaleTimestamp
            Quote(_msft, 100m, 10m, 99m, 10m, 10_007),       // CrossedQuote
            none,                                            // UnknownKind
            Quote(_msft, 99m, 10m, 100m, 10m, 10_008),       // None
            Trade(_msft, 0m, 10m, 10_009),                   // NonPositivePrice
            OffMarket(Trade(_msft, 99m, 10m, 10_010)),       // OffMarketPrint
        ];
        int[] expected = new int[11];
        expected[(int)FilterReason.None] = 3;
        expected[(int)FilterReason.NonPositivePrice] = 2;
        foreach (FilterReason reason in new[]
        {
            FilterReason.UnknownSymbol, FilterReason.NonPositiveSize, FilterReason.SizeOutOfBounds, FilterReason.PriceOutOfBand,
            FilterReason.OutOfOrderTimestamp, FilterReason.StaleTimestamp, FilterReason.CrossedQuote, FilterReason.UnknownKind,
            FilterReason.OffMarketPrint,
        })
        {
            expected[(int)reason] = 1;
        }

        EventStream.Run(ref filter, events);

        for (int r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r], filter.State.GetCount((FilterReason)r));
        }

        Assert.Equal(14, filter.State.ProcessedCount);
        Assert.Equal(3, filter.State.AcceptedCount);
        Assert.Equal(11, filter.State.FilteredCount);
        Assert.Equal(0, filter.State.GetCount((FilterReason)11));
        Assert.Equal(FilterReason.None, events[11].FilterReason);
        Assert.Equal(FilterReason.StaleTimestamp, events[8].FilterReason);
    }

    [Fact]
    public void OnEvent_AnyEvent_ChangesOnlyFilterReason()
    {
        var filter = Create(new FilterOptions());
        MarketEvent[] originals = [Trade(_aapl, 100m, 10m, 5), Trade(_aapl, 0m, 10m, 6), Quote(_aapl, 10m, 1m, 9m, 1m, 7), OffMarket(Trade(_aapl, 100m, 10m, 8))];
        foreach (MarketEvent original in originals)
        {
            MarketEvent slot = original;
            slot.IngestTimestampNs = 77;
            slot.RollingVwap = P(1m);             // left over from an earlier use (fed straight, not sealed by a producer):
            slot.Signal = SignalSide.Sell;        // the filter leaves them, the aggregator and the strategy overwrite them
            slot.FilterReason = FilterReason.StaleTimestamp;

            Apply(ref filter, slot, out MarketEvent after);

            Assert.Equal(original.Equals(originals[0]), after.FilterReason == FilterReason.None); // written, not left over
            MarketEvent expected = original;
            expected.IngestTimestampNs = 77;
            expected.RollingVwap = P(1m);
            expected.Signal = SignalSide.Sell;
            expected.FilterReason = after.FilterReason;
            Assert.True(AsBytes(ref expected).SequenceEqual(AsBytes(ref after)));
        }

        Assert.Equal(1, filter.State.AcceptedCount);
    }

    [Theory]
    [InlineData(GeneratorModel.Classic)]
    [InlineData(GeneratorModel.RandomWalk)]
    public void OnEvent_GeneratedStream_AllAccepted(GeneratorModel model)
    {
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = model }, 20_000);

        FilterState state = EventStream.Filter(_symbols, events);

        Assert.Equal(20_000, state.AcceptedCount);
        Assert.All(events, e => Assert.False(e.IsFiltered));
    }

    [Fact]
    public void GetFilteredCount_GeneratedStreamWithBadEvents_EachSymbolsRejectedEventsCounted()
    {
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk, Seed = 3 }, 20_000);
        var spoiled = new List<(int Index, SymbolId Symbol)>();
        for (int i = 0; i < events.Length; i++)
        {
            ref MarketEvent e = ref events[i];
            if (i % 13 == 0)
            {
                e.Price = FixedPoint.Zero;          // a trade: no price; a quote: bid = ask (crossed)
                e.BidPrice = e.AskPrice;
            }
            else if (i % 17 == 0)
            {
                e.Size = P(-1m);                    // a quote's size 0 means "not published": only below 0 is bad
                e.BidSize = P(-1m);
            }
            else if (i % 101 == 0)
            {
                e.Symbol = new SymbolId(i % 202 == 0 ? 6 : 100); // free in the table / outside its capacity
            }
            else
            {
                continue;
            }

            spoiled.Add((i, e.Symbol));
        }

        FilterState state = EventStream.Filter(_symbols, events);

        Assert.Equal(spoiled.Select(s => s.Index), events.Select((e, i) => (e, i)).Where(x => x.e.IsFiltered).Select(x => x.i));
        for (int id = 0; id < 8; id++)
        {
            Assert.Equal((id, spoiled.Count(s => s.Symbol.Value == id)), (id, state.GetFilteredCount(new SymbolId(id))));
        }

        Assert.True(state.GetFilteredCount(_aapl) > 500 && state.GetFilteredCount(new SymbolId(6)) > 50, $"{state.GetFilteredCount(_aapl)}, {state.GetFilteredCount(new SymbolId(6))}");
        Assert.Equal(0, state.GetFilteredCount(new SymbolId(100)));
        Assert.Equal(0, state.GetFilteredCount(new SymbolId(-1)));
        Assert.Equal(spoiled.Count(s => s.Symbol.Value == 100), state.FilteredCount - Enumerable.Range(0, 8).Sum(id => state.GetFilteredCount(new SymbolId(id))));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FilterState(_symbols, new FilterOptions { MinSize = P(10m), MaxSize = P(1m) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FilterState(_symbols, new FilterOptions { PriceBand = P(0.5m) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FilterState(_symbols, new FilterOptions { MaxStalenessNs = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FilterState(_symbols, new FilterOptions { AllowedSymbols = [new SymbolId(8)] }));
    }

    [Fact]
    public void OnEvent_SteadyState_AllocatesNothing()
    {
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk }, 100_000);
        events[10].Price = FixedPoint.Zero; // a rejection path too
        var filter = Create(new FilterOptions { MaxStalenessNs = 1_000_000_000 });

        long allocated = AllocationProbe.Measure(() => EventStream.Run(ref filter, events));

        Assert.Equal(0, allocated);
        Assert.True(filter.State.ProcessedCount >= 300_000);
    }

    private FilterHandler Create(in FilterOptions options) => new(new FilterState(_symbols, options));

    private static FilterReason Apply(ref FilterHandler filter, MarketEvent e) => Apply(ref filter, e, out _);

    private static FilterReason Apply(ref FilterHandler filter, MarketEvent e, out MarketEvent after)
    {
        filter.OnEvent(ref e, 0, true);
        after = e;
        return e.FilterReason;
    }

    private static MarketEvent Trade(SymbolId symbol, decimal price, decimal size, long timestampNs) =>
        MarketEvent.Trade(symbol, P(price), P(size), timestampNs);

    private static MarketEvent Quote(SymbolId symbol, decimal bid, decimal bidSize, decimal ask, decimal askSize, long timestampNs) =>
        MarketEvent.Quote(symbol, P(bid), P(bidSize), P(ask), P(askSize), timestampNs);

    private static MarketEvent OffMarket(MarketEvent e)
    {
        e.Flags = MarketEventFlags.OffMarketPrint;
        return e;
    }

    private static ReadOnlySpan<byte> AsBytes(ref MarketEvent e) => MemoryMarshal.AsBytes(new ReadOnlySpan<MarketEvent>(ref e));
}
