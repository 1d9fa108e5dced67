using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Tests.Support;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Handlers;

public sealed class AggregatorHandlerTests
{
    private readonly SymbolTable _symbols = new(capacity: 8);

    [Theory]
    [InlineData(GeneratorModel.Classic)]
    [InlineData(GeneratorModel.RandomWalk)]
    public void OnEvent_GeneratedStream_MatchesNaiveReference(GeneratorModel model)
    {
        var options = new AggregatorOptions { RollingBucketWidthNs = 20_000_000, RollingBucketCount = 5, BarIntervalNs = 250_000_000 };
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = model, Seed = 11 }, 12_000);
        for (int i = 0; i < events.Length; i += 7)
        {
            events[i].FilterReason = FilterReason.PriceOutOfBand; // as if the filter had rejected it
        }

        AggregatorState state = EventStream.Aggregate(_symbols, events, options);

        var accepted = events.Select((e, index) => (e, index)).Where(x => !x.e.IsFiltered).ToList();
        var trades = accepted.Where(x => x.e.Kind == MarketEventKind.Trade).ToList();
        Assert.Equal(events.Length - ((events.Length + 6) / 7), accepted.Count);
        Assert.Equal(trades.Count, state.TradeCount);
        Assert.Equal(accepted.Count - trades.Count, state.QuoteCount);
        Assert.Equal((events.Length + 6) / 7, state.SkippedCount);

        // Rolling VWAP written into each accepted slot: after a trade, the trades of the symbol so far whose bucket is
        // within N-1 of this one; a quote carries the value as of the symbol's last trade (zero before its first).
        var rollingAsOfLastTrade = new Dictionary<SymbolId, decimal>();
        int t = 0;
        foreach ((MarketEvent e, int index) in accepted)
        {
            if (e.Kind == MarketEventKind.Trade)
            {
                rollingAsOfLastTrade[e.Symbol] = RollingVwapReference(trades, t++, options);
            }

            Assert.Equal(rollingAsOfLastTrade.GetValueOrDefault(e.Symbol), D(events[index].RollingVwap));
        }

        if (model == GeneratorModel.RandomWalk)
        {
            Assert.Contains(accepted, x => x.e.Kind == MarketEventKind.Quote && x.e.RollingVwap.Raw > 0);
        }
        Assert.All(events.Where(e => e.IsFiltered), e => Assert.Equal(FixedPoint.Zero, e.RollingVwap));

        for (int s = 0; s < _symbols.Count; s++)
        {
            var id = new SymbolId(s);
            var mine = trades.Select(x => x.e).Where(e => e.Symbol == id).ToList();
            Assert.NotEmpty(mine);
            Assert.Equal(mine.Count, state.GetTradeCount(id));
            Assert.Equal(accepted.Count(x => x.e.Symbol == id && x.e.Kind == MarketEventKind.Quote), state.GetQuoteCount(id));
            Assert.Equal(mine[^1].Price, state.GetLastPrice(id));
            Assert.Equal(mine.Sum(e => D(e.Size)), state.GetCumulativeVolume(id));
            Assert.Equal(mine.Sum(e => D(e.Price) * D(e.Size)), state.GetCumulativeNotional(id));
            Assert.Equal(Round8(mine.Sum(e => D(e.Price) * D(e.Size)) / mine.Sum(e => D(e.Size))), D(state.GetVwap(id)));
            Assert.Equal(mine[^1].RollingVwap, state.GetRollingVwap(id));

            var bars = mine.GroupBy(e => e.TimestampNs / options.BarIntervalNs).OrderBy(g => g.Key).ToList();
            Assert.True(bars.Count > 5);
            Assert.Equal(bars.Count - 1, state.GetCompletedBarCount(id));
            Assert.True(state.TryGetCurrentBar(id, out OhlcvBar current));
            Assert.True(state.TryGetLastCompletedBar(id, out OhlcvBar completed));
            AssertBar(bars[^1], options.BarIntervalNs, current);
            AssertBar(bars[^2], options.BarIntervalNs, completed);
        }
    }

    [Fact]
    public void OnEvent_GeneratedStream_SessionBarAndSpanMatchNaiveReference()
    {
        MarketEvent[] generated = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk, Seed = 13 }, 12_000);
        SymbolId quotesOnly = _symbols.GetOrAdd("QQQ"), silent = _symbols.GetOrAdd("SPY");
        MarketEvent[] events =
        [
            MarketEvent.Quote(quotesOnly, P(1m), P(1m), P(2m), P(1m), generated[0].TimestampNs - 5),
            .. generated,
            MarketEvent.Quote(quotesOnly, P(1m), P(1m), P(2m), P(1m), generated[^1].TimestampNs + 5),
        ];
        for (int i = 3; i < events.Length; i += 7)
        {
            events[i].FilterReason = FilterReason.PriceOutOfBand; // as if the filter had rejected it
        }

        events[^1].FilterReason = FilterReason.None;
        events[8].Symbol = silent;                                   // its only event, filtered out
        events[8].FilterReason = FilterReason.CrossedQuote;

        AggregatorState state = EventStream.Aggregate(_symbols, events, new AggregatorOptions());

        for (int s = 0; s < _symbols.Count; s++)
        {
            var id = new SymbolId(s);
            var accepted = events.Where(e => e.Symbol == id && !e.IsFiltered).ToList();
            var trades = accepted.Where(e => e.Kind == MarketEventKind.Trade).ToList();
            Assert.Equal(accepted.Count > 0, state.TryGetSpan(id, out long first, out long last));
            Assert.Equal(accepted.Count > 0 ? (accepted[0].TimestampNs, accepted[^1].TimestampNs) : (0, 0), (first, last));
            Assert.Equal(trades.Count > 0, state.TryGetSessionBar(id, out OhlcvBar bar));
            OhlcvBar expected = trades.Count == 0 ? default : new OhlcvBar(trades[0].TimestampNs, trades[0].Price,
                FixedPoint.FromRaw(trades.Max(e => e.Price.Raw)), FixedPoint.FromRaw(trades.Min(e => e.Price.Raw)), trades[^1].Price,
                trades.Aggregate(Int128.Zero, (sum, e) => sum + e.Size.Raw), trades.Count);
            Assert.Equal(expected, bar);
        }

        Assert.True(state.TryGetSpan(quotesOnly, out long quotesFirst, out long quotesLast));
        Assert.Equal((generated[0].TimestampNs - 5, generated[^1].TimestampNs + 5), (quotesFirst, quotesLast));
        Assert.False(state.TryGetSessionBar(quotesOnly, out _));
        Assert.False(state.TryGetSpan(silent, out _, out _));
        Assert.True(state.TryGetSessionBar(new SymbolId(0), out OhlcvBar aapl) && aapl.High.Raw > aapl.Low.Raw && aapl.TradeCount > 300, aapl.ToString());
    }

    [Fact]
    public void OnEvent_WithViews_WritesEachAcceptedEventsAggregatesAsOfIt()
    {
        var options = new AggregatorOptions { RollingBucketWidthNs = 20_000_000, RollingBucketCount = 5, BarIntervalNs = 250_000_000 };
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk, Seed = 12 }, 12_000);
        for (int i = 0; i < events.Length; i += 11)
        {
            events[i].FilterReason = FilterReason.CrossedQuote;
        }

        AggregateRing views = EventStream.AggregateWithViews(_symbols, events, options, out AggregatorState state);

        // Reference, per symbol: every accepted trade and quote so far, in order.
        var seenTrades = new Dictionary<SymbolId, List<MarketEvent>>();
        var seenQuotes = new Dictionary<SymbolId, List<MarketEvent>>();
        for (int i = 0; i < events.Length; i++)
        {
            MarketEvent e = events[i];
            if (e.IsFiltered)
            {
                continue;
            }

            (e.IsTrade ? seenTrades : seenQuotes).TryAdd(e.Symbol, []);
            (e.IsTrade ? seenTrades : seenQuotes)[e.Symbol].Add(e);
            List<MarketEvent> trades = seenTrades.GetValueOrDefault(e.Symbol) ?? [];
            List<MarketEvent> quotes = seenQuotes.GetValueOrDefault(e.Symbol) ?? [];
            ref AggregateView view = ref views[i];

            decimal volume = trades.Sum(x => D(x.Size));
            Assert.Equal(volume == 0 ? 0m : Round8(trades.Sum(x => D(x.Price) * D(x.Size)) / volume), D(FixedPoint.FromRaw(view.VwapRaw)));

            // Rolling mid: the mean mid of the quotes within N-1 buckets of the symbol's newest quote.
            var window = quotes.Count == 0
                ? []
                : quotes.Where(q => q.TimestampNs / options.RollingBucketWidthNs > (quotes[^1].TimestampNs / options.RollingBucketWidthNs) - options.RollingBucketCount).ToList();
            decimal rollingMid = window.Count == 0 ? 0m : Round8(window.Sum(q => (D(q.BidPrice) + D(q.AskPrice)) / 2) / window.Count);
            Assert.Equal(rollingMid, D(FixedPoint.FromRaw(view.RollingMidRaw)));

            // The open bar: the symbol's trades in the bar of its last trade.
            if (trades.Count == 0)
            {
                Assert.Equal(0, view.BarOpenRaw);
                continue;
            }

            long bar = trades[^1].TimestampNs / options.BarIntervalNs;
            var inBar = trades.Where(x => x.TimestampNs / options.BarIntervalNs == bar).ToList();
            Assert.Equal(bar * options.BarIntervalNs, view.BarStartNs);
            Assert.Equal(inBar[0].Price.Raw, view.BarOpenRaw);
            Assert.Equal(inBar.Max(x => x.Price.Raw), view.BarHighRaw);
            Assert.Equal(inBar.Min(x => x.Price.Raw), view.BarLowRaw);
            Assert.Equal(inBar.Sum(x => x.Size.Raw), view.BarVolumeRaw);
            Assert.Equal(inBar.Count, view.BarTradeCount);
        }

        for (int s = 0; s < _symbols.Count; s++)
        {
            var id = new SymbolId(s);
            Assert.Equal(D(FixedPoint.FromRaw(views[Array.FindLastIndex(events, e => e.Symbol == id && !e.IsFiltered)].RollingMidRaw)), D(state.GetRollingMid(id)));
        }
    }

    [Fact]
    public void OnEvent_QuotesAfterTrades_CarryTheRollingVwapAsOfTheLastTrade()
    {
        var handler = Create(new AggregatorOptions { RollingBucketWidthNs = 10, RollingBucketCount = 3 });
        var aapl = _symbols.GetOrAdd("AAPL");
        var msft = _symbols.GetOrAdd("MSFT");

        Assert.Equal(0m, Quote(ref handler, aapl, 9m, 11m, 0));           // no trade yet
        Trade(ref handler, aapl, 10m, 1m, 1);
        Assert.Equal(15m, Trade(ref handler, aapl, 20m, 1m, 15));
        Assert.Equal(15m, Quote(ref handler, aapl, 19m, 21m, 16));
        Assert.Equal(15m, Quote(ref handler, aapl, 29m, 31m, 1_000));    // the window moves with trades only
        Assert.Equal(0m, Quote(ref handler, msft, 1m, 2m, 1_001));        // another symbol's own value
        Assert.Equal(30m, Trade(ref handler, aapl, 30m, 1m, 1_002));      // now it moves: a gap >= N clears it
        Assert.Equal(30m, Quote(ref handler, aapl, 29m, 31m, 1_003));
        Assert.Equal(P(30m), handler.State.GetRollingVwap(aapl));
    }

    [Fact]
    public void OnEvent_Quotes_RollingMidOverTheirOwnWindow()
    {
        var handler = Create(new AggregatorOptions { RollingBucketWidthNs = 10, RollingBucketCount = 3 });
        var aapl = _symbols.GetOrAdd("AAPL");

        Assert.Equal(FixedPoint.Zero, handler.State.GetRollingMid(aapl));
        Quote(ref handler, aapl, 10m, 10.02m, 0);                         // mid 10.01, buckets {0}
        Quote(ref handler, aapl, 10.02m, 10.04m, 15);                     // 10.03, {0, 1}
        Assert.Equal(P(10.02m), handler.State.GetRollingMid(aapl));
        Trade(ref handler, aapl, 50m, 1m, 100);                           // trades do not move the mid window
        Assert.Equal(P(10.02m), handler.State.GetRollingMid(aapl));
        Quote(ref handler, aapl, 10.06m, 10.08m, 30);                     // 10.07, {1, 2, 3}: bucket 0 dropped
        Assert.Equal(P(10.05m), handler.State.GetRollingMid(aapl));
        Quote(ref handler, aapl, 1.00000001m, 1.00000002m, 200);          // mid 1.000000015 alone: halves round up
        Assert.Equal(P(1.00000002m), handler.State.GetRollingMid(aapl));
    }

    [Fact]
    public void OnEvent_RollingWindow_DropsBucketsOlderThanNMinusOne()
    {
        var handler = Create(new AggregatorOptions { RollingBucketWidthNs = 10, RollingBucketCount = 3 });
        var aapl = _symbols.GetOrAdd("AAPL");

        Assert.Equal(10m, Trade(ref handler, aapl, 10m, 1m, 0));          // buckets {0}
        Assert.Equal(15m, Trade(ref handler, aapl, 20m, 1m, 15));         // {0, 1}
        Assert.Equal(22.5m, Trade(ref handler, aapl, 30m, 2m, 29));       // {0, 1, 2}: (10 + 20 + 60) / 4
        Assert.Equal(30m, Trade(ref handler, aapl, 40m, 1m, 30));         // {1, 2, 3}: (20 + 60 + 40) / 4
        Assert.Equal(50m, Trade(ref handler, aapl, 50m, 1m, 100));        // {10}: a gap >= N clears everything
        Assert.Equal(55m, Trade(ref handler, aapl, 60m, 1m, 120));        // {10, 12}
        Assert.Equal(65m, Trade(ref handler, aapl, 70m, 1m, 130));        // {12, 13}: bucket 10 dropped
        Assert.Equal(P(65m), handler.State.GetRollingVwap(aapl));
        Assert.Equal(P(310m / 8m), handler.State.GetVwap(aapl));          // cumulative keeps everything
    }

    [Fact]
    public void OnEvent_LateTrades_FoldIntoWindowOnlyWhileInside()
    {
        var handler = Create(new AggregatorOptions { RollingBucketWidthNs = 10, RollingBucketCount = 3, BarIntervalNs = 100 });
        var aapl = _symbols.GetOrAdd("AAPL");
        Trade(ref handler, aapl, 10m, 1m, 100);

        Assert.Equal(10m, Trade(ref handler, aapl, 1000m, 1m, 79));   // bucket 7 = 10 - 3: just outside the window
        Assert.Equal(15m, Trade(ref handler, aapl, 20m, 1m, 80));     // bucket 8: inside
        Assert.Equal(15m, Trade(ref handler, aapl, 15m, 2m, 100));    // bucket 10 again: (10 + 20 + 30) / 4

        Assert.Equal(Round8(1060m / 5m), D(handler.State.GetVwap(aapl)));  // cumulative keeps the old trade
        Assert.True(handler.State.TryGetCurrentBar(aapl, out OhlcvBar bar));
        Assert.Equal(new OhlcvBar(100, P(10m), P(1000m), P(10m), P(15m), 5 * FixedPoint.Scale, 4), bar);
        Assert.Equal(0, handler.State.GetCompletedBarCount(aapl));
    }

    [Fact]
    public void OnEvent_VwapBetweenRawUnits_RoundsHalfUp()
    {
        var handler = Create(new AggregatorOptions());
        var aapl = _symbols.GetOrAdd("AAPL");

        Trade(ref handler, aapl, 1.00000001m, 1m, 0);
        decimal rolling = Trade(ref handler, aapl, 1.00000002m, 1m, 1); // exact VWAP 1.000000015

        Assert.Equal(1.00000002m, rolling);
        Assert.Equal(P(1.00000002m), handler.State.GetVwap(aapl));
        Trade(ref handler, aapl, 1.00000001m, 1m, 2);                   // 1.0000000133...
        Assert.Equal(P(1.00000001m), handler.State.GetVwap(aapl));
    }

    [Fact]
    public void OnEvent_HugeVolumes_DoNotOverflow()
    {
        var handler = Create(new AggregatorOptions());
        var sym = _symbols.GetOrAdd("BIG");
        const int count = 450_000;
        var e = new MarketEvent();
        for (int i = 0; i < count; i++)
        {
            e = MarketEvent.Trade(sym, i % 2 == 0 ? P(500m) : P(400m), P(1_000_000m), 1_000L * i); // all in one bar and window
            handler.OnEvent(ref e, i, true);
        }

        AggregatorState state = handler.State;
        Assert.True(state.GetCumulativeVolumeRaw(sym) > long.MaxValue);      // a long would have overflowed
        Assert.Equal(450_000_000_000m, state.GetCumulativeVolume(sym));
        Assert.Equal(202_500_000_000_000m, state.GetCumulativeNotional(sym));
        Assert.Equal(P(450m), state.GetVwap(sym));
        Assert.Equal(P(450m), state.GetRollingVwap(sym));
        Assert.Equal(P(450m), e.RollingVwap);
        Assert.True(state.TryGetCurrentBar(sym, out OhlcvBar bar));
        Assert.Equal(450_000_000_000m, bar.Volume);
        Assert.Equal(new OhlcvBar(bar.StartTimestampNs, P(500m), P(500m), P(400m), P(400m), (Int128)450_000_000_000 * FixedPoint.Scale, count), bar);
    }

    [Fact]
    public void OnEvent_MidSumBeyondLong_ViewCarriesTheDividedMid()
    {
        var sym = _symbols.GetOrAdd("HUGE");
        // Mids of about 30 billion (raw 3·10^18): two quotes' Σ(bid + ask) is already past long.MaxValue (9.2·10^18).
        MarketEvent[] events =
        [
            MarketEvent.Quote(sym, P(30_000_000_000m), P(1m), P(30_000_000_000.02m), P(1m), 1),
            MarketEvent.Quote(sym, P(30_000_000_000.01m), P(1m), P(30_000_000_000.03m), P(1m), 2),
            MarketEvent.Quote(sym, P(30_000_000_000.02m), P(1m), P(30_000_000_000.05m), P(1m), 3),
        ];
        AggregateRing views = EventStream.AggregateWithViews(_symbols, events, new AggregatorOptions(), out AggregatorState state);

        Assert.Equal(2, views[0].MidWeight);                          // one quote fits: handed over undivided
        Assert.Equal(P(30_000_000_000.01m).Raw, views[0].RollingMidRaw);
        Assert.Equal(1, views[1].MidWeight);                          // two do not: divided by the aggregator
        Assert.Equal(P(30_000_000_000.015m).Raw, views[1].RollingMidRaw);
        Assert.Equal(1, views[2].MidWeight);
        Assert.Equal(P(30_000_000_000.02166667m).Raw, views[2].RollingMidRaw); // (0.01 + 0.02 + 0.035) / 3, half up
        Assert.Equal(P(30_000_000_000.02166667m), state.GetRollingMid(sym));
    }

    [Fact]
    public void OnEvent_QuotesAndFilteredEvents_UpdateNoPriceState()
    {
        var handler = Create(new AggregatorOptions());
        var aapl = _symbols.GetOrAdd("AAPL");
        MarketEvent quote = MarketEvent.Quote(aapl, P(10m), P(1m), P(10.01m), P(1m), 5);
        quote.RollingVwap = P(3m); // stale value from a previous use of the slot
        MarketEvent rejected = MarketEvent.Trade(aapl, P(10m), P(1m), 6);
        rejected.FilterReason = FilterReason.PriceOutOfBand;
        rejected.RollingVwap = P(3m);

        handler.OnEvent(ref quote, 0, false);
        handler.OnEvent(ref rejected, 1, true);

        AggregatorState state = handler.State;
        Assert.Equal(FixedPoint.Zero, quote.RollingVwap);
        Assert.Equal(FixedPoint.Zero, rejected.RollingVwap);
        Assert.Equal(1, state.GetQuoteCount(aapl));
        Assert.Equal(0, state.GetTradeCount(aapl));
        Assert.Equal(1, state.SkippedCount);
        Assert.Equal(FixedPoint.Zero, state.GetLastPrice(aapl));
        Assert.Equal(FixedPoint.Zero, state.GetVwap(aapl));
        Assert.Equal(FixedPoint.Zero, state.GetRollingVwap(aapl));
        Assert.Equal(0m, state.GetCumulativeVolume(aapl));
        Assert.False(state.TryGetCurrentBar(aapl, out _));
        Assert.False(state.TryGetLastCompletedBar(aapl, out _));
    }

    [Fact]
    public void OnEvent_NewBar_CompletesPreviousBar()
    {
        var handler = Create(new AggregatorOptions { BarIntervalNs = 100 });
        var aapl = _symbols.GetOrAdd("AAPL");
        Trade(ref handler, aapl, 10m, 1m, 100);
        Trade(ref handler, aapl, 12m, 2m, 150);
        Trade(ref handler, aapl, 9m, 3m, 199);
        Assert.False(handler.State.TryGetLastCompletedBar(aapl, out _));

        Trade(ref handler, aapl, 11m, 4m, 450); // bars 2 and 3 had no trades: no bar for them

        Assert.Equal(1, handler.State.GetCompletedBarCount(aapl));
        Assert.True(handler.State.TryGetLastCompletedBar(aapl, out OhlcvBar completed));
        Assert.Equal(new OhlcvBar(100, P(10m), P(12m), P(9m), P(9m), 6 * FixedPoint.Scale, 3), completed);
        Assert.True(handler.State.TryGetCurrentBar(aapl, out OhlcvBar current));
        Assert.Equal(new OhlcvBar(400, P(11m), P(11m), P(11m), P(11m), 4 * FixedPoint.Scale, 1), current);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AggregatorState(_symbols, new AggregatorOptions { RollingBucketWidthNs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AggregatorState(_symbols, new AggregatorOptions { RollingBucketCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AggregatorState(_symbols, new AggregatorOptions { BarIntervalNs = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AggregatorState(_symbols, default));
        Assert.Equal(60_000_000_000, new AggregatorOptions().RollingWindowNs);
    }

    [Fact]
    public void OnEvent_SteadyState_AllocatesNothing()
    {
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk }, 100_000);
        events[3].FilterReason = FilterReason.CrossedQuote;
        var handler = Create(new AggregatorOptions { RollingBucketWidthNs = 10_000_000, RollingBucketCount = 8, BarIntervalNs = 1_000_000_000 });

        long allocated = AllocationProbe.Measure(() => EventStream.Run(ref handler, events));

        Assert.Equal(0, allocated);
        Assert.True(handler.State.TradeCount > 0);
    }

    private AggregatorHandler Create(in AggregatorOptions options) => new(new AggregatorState(_symbols, options));

    private static decimal Trade(ref AggregatorHandler handler, SymbolId symbol, decimal price, decimal size, long timestampNs)
    {
        MarketEvent e = MarketEvent.Trade(symbol, P(price), P(size), timestampNs);
        handler.OnEvent(ref e, 0, true);
        return D(e.RollingVwap);
    }

    /// <summary>Rolling VWAP after trades[t]: the symbol's trades so far whose bucket is within N-1 of its bucket.</summary>
    private static decimal RollingVwapReference(List<(MarketEvent e, int index)> trades, int t, in AggregatorOptions options)
    {
        MarketEvent e = trades[t].e;
        long bucket = e.TimestampNs / options.RollingBucketWidthNs;
        decimal notional = 0, volume = 0;
        for (int j = t; j >= 0; j--)
        {
            MarketEvent prior = trades[j].e;
            if (prior.TimestampNs / options.RollingBucketWidthNs <= bucket - options.RollingBucketCount)
            {
                break;
            }

            if (prior.Symbol == e.Symbol)
            {
                notional += D(prior.Price) * D(prior.Size);
                volume += D(prior.Size);
            }
        }

        return Round8(notional / volume);
    }

    private static decimal Quote(ref AggregatorHandler handler, SymbolId symbol, decimal bid, decimal ask, long timestampNs)
    {
        MarketEvent e = MarketEvent.Quote(symbol, P(bid), P(1m), P(ask), P(1m), timestampNs);
        handler.OnEvent(ref e, 0, true);
        return D(e.RollingVwap);
    }

    private static void AssertBar(IGrouping<long, MarketEvent> expected, long intervalNs, OhlcvBar actual)
    {
        var trades = expected.ToList();
        Assert.Equal(expected.Key * intervalNs, actual.StartTimestampNs);
        Assert.Equal(trades[0].Price, actual.Open);
        Assert.Equal(trades.Max(e => e.Price.Raw), actual.High.Raw);
        Assert.Equal(trades.Min(e => e.Price.Raw), actual.Low.Raw);
        Assert.Equal(trades[^1].Price, actual.Close);
        Assert.Equal(trades.Sum(e => D(e.Size)), actual.Volume);
        Assert.Equal(trades.Count, actual.TradeCount);
    }
}
