using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Handlers;

public sealed class StrategyHandlerTests
{
    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;

    [Fact]
    public void OnEvent_GeneratedStream_SignalsFillOnTheirSymbolsNextEventAtTheFarSide()
    {
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk, Seed = 8 }, 30_000);
        var options = new MarketPipelineOptions
        {
            Filter = new FilterOptions { MaxSize = FixedPoint.FromInt(900) }, // some rejections, which must not fill anything
            Aggregator = new AggregatorOptions { RollingBucketWidthNs = 100_000_000, RollingBucketCount = 10 },
            Trading = new TradingOptions { SignalLogCapacity = 100_000, FillLogCapacity = 100_000 },
        };
        var strategy = new VwapMeanReversionStrategy(new VwapMeanReversionOptions { EntryBps = 3, StopBps = 6 }, _symbols.Capacity);
        var stages = new SequentialPipeline<VwapMeanReversionStrategy>(_symbols, strategy, options);

        stages.Process(events);

        // Reference: a plain book per symbol; each signal fills in full at the first later accepted event of its
        // symbol, a buy at the ask and a sell at the bid (the last trade before the symbol's first quote).
        TradingState trading = stages.Trading;
        var signalsAt = trading.Signals.Signals.ToArray().ToLookup(s => s.Sequence);
        var pending = new Dictionary<SymbolId, Queue<Signal>>();
        var bid = new Dictionary<SymbolId, decimal>();
        var ask = new Dictionary<SymbolId, decimal>();
        var last = new Dictionary<SymbolId, decimal>();
        var position = new Dictionary<SymbolId, decimal>();
        var expectedFills = new List<Fill>();
        long trades = 0, quotes = 0;
        for (int i = 0; i < events.Length; i++)
        {
            MarketEvent e = events[i];
            if (e.IsFiltered)
            {
                Assert.Equal(SignalSide.None, e.Signal);
                Assert.Empty(signalsAt[i]);
                continue;
            }

            if (e.IsTrade)
            {
                last[e.Symbol] = D(e.Price);
                trades++;
            }
            else
            {
                (bid[e.Symbol], ask[e.Symbol]) = (D(e.BidPrice), D(e.AskPrice));
                quotes++;
            }

            decimal MarketPrice(SignalSide side) =>
                (side == SignalSide.Buy ? ask : bid).TryGetValue(e.Symbol, out decimal quoted) ? quoted : last[e.Symbol];

            Queue<Signal> queue = pending.TryGetValue(e.Symbol, out Queue<Signal>? q) ? q : pending[e.Symbol] = new Queue<Signal>();
            while (queue.TryDequeue(out Signal due))
            {
                decimal signed = due.Side == SignalSide.Buy ? D(due.Quantity) : -D(due.Quantity);
                position[e.Symbol] = position.GetValueOrDefault(e.Symbol) + signed;
                Fill actual = trading.Fills[expectedFills.Count];
                expectedFills.Add(new Fill(e.Symbol, due.Side, due.Quantity, P(MarketPrice(due.Side)), e.TimestampNs, i, due.Sequence, due.Reason,
                    P(position[e.Symbol]), actual.RealizedPnlAfterRaw));
            }

            Signal[] decided = [.. signalsAt[i]];
            Assert.Equal(decided.Length == 0 ? SignalSide.None : decided[0].Side, e.Signal);
            foreach (Signal signal in decided)
            {
                Assert.Equal(e.Symbol, signal.Symbol);
                Assert.Equal(e.TimestampNs, signal.TimestampNs);
                Assert.Equal(P(MarketPrice(signal.Side)), signal.Price);
                queue.Enqueue(signal);
            }
        }

        Assert.True(expectedFills.Count > 100, "fills: " + expectedFills.Count);
        Assert.True(trading.Signals.TotalCount < trading.Signals.Capacity);
        Assert.Equal(expectedFills, trading.Fills.Fills.ToArray());
        Assert.Equal(pending.Values.Sum(q => q.Count), trading.OpenOrderCount);
        Assert.Equal(trading.Signals.TotalCount, trading.Fills.TotalCount + trading.OpenOrderCount);
        Assert.Equal(trades, trading.TradeCount);
        Assert.Equal(quotes, trading.QuoteCount);
        Assert.True(stages.Filter.FilteredCount > 0);
    }

    [Fact]
    public void OnEvent_FilteredUnknownOrOutOfTableEvents_SkipsThemAndClearsTheSignal()
    {
        var strategy = new ScriptedStrategy();
        var trading = new TradingState(_symbols, new TradingOptions());
        var handler = new StrategyHandler<ScriptedStrategy>(strategy, trading, new AggregateRing(1));
        MarketEvent rejected = MarketEvent.Trade(_aapl, P(100m), P(1m), 1);
        rejected.FilterReason = FilterReason.PriceOutOfBand;
        MarketEvent outside = MarketEvent.Quote(new SymbolId(8), P(1m), P(1m), P(2m), P(1m), 2);
        MarketEvent noKind = MarketEvent.Trade(_aapl, P(100m), P(1m), 3);
        noKind.Kind = MarketEventKind.None;
        MarketEvent[] events = [rejected, outside, noKind];
        foreach (ref MarketEvent e in events.AsSpan())
        {
            e.Signal = SignalSide.Buy; // left over from the slot's previous event
        }

        EventStream.Run(ref handler, events);

        Assert.All(events, e => Assert.Equal(SignalSide.None, e.Signal));
        Assert.Empty(strategy.Seen);
        Assert.Equal(0, trading.TradeCount);
        Assert.Equal(0, trading.QuoteCount);
        Assert.Equal(FixedPoint.Zero, trading.GetLastPrice(_aapl));
        Assert.Same(trading, handler.Trading);
    }

    [Fact]
    public void OnEvent_TradeThenQuote_CallsOnTradeThenOnQuoteWithTheBookUpdated()
    {
        var strategy = new ScriptedStrategy();
        var bench = new StrategyBench<ScriptedStrategy>(_symbols, strategy);

        bench.Trade(_aapl, 100.5m, rollingVwap: 100m, size: 7m);
        bench.Quote(_aapl, 100.25m, 100.75m, rollingMid: 100.4m, rollingVwap: 100m);

        ContextSnapshot trade = strategy.Seen[0];
        ContextSnapshot quote = strategy.Seen[1];
        Assert.Equal((true, P(100.5m), true, P(7m), false, P(100m)), (trade.IsTrade, trade.Price, trade.HasTrade, trade.LastTradeSize, trade.HasQuote, trade.RollingVwap));
        Assert.Equal((false, P(100.5m), true, true, P(100.25m), P(100.75m)), (quote.IsTrade, quote.Price, quote.HasTrade, quote.HasQuote, quote.BestBid, quote.BestAsk));
        Assert.Equal((P(100.5m), P(100.4m), 1L), (quote.Mid, quote.RollingMid, quote.Sequence));
        Assert.Equal((1, 1), (bench.Trading.TradeCount, bench.Trading.QuoteCount));
    }

    [Fact]
    public void OnEvent_SteadyStateThreshold_AllocatesNothing() => AssertSteadyStateAllocatesNothing(
        new ThresholdStrategy(new ThresholdOptions { BuyBelowBps = 2, SellAboveBps = 2 }, _symbols.Capacity));

    [Fact]
    public void OnEvent_SteadyStateVwapMeanReversion_AllocatesNothing() => AssertSteadyStateAllocatesNothing(
        new VwapMeanReversionStrategy(new VwapMeanReversionOptions { EntryBps = 2, StopBps = 4 }, _symbols.Capacity));

    private void AssertSteadyStateAllocatesNothing<TStrategy>(TStrategy strategy)
        where TStrategy : struct, IStrategy<TStrategy>
    {
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk }, 100_000);
        EventStream.Filter(_symbols, events);
        AggregateRing views = EventStream.AggregateWithViews(_symbols, events, new AggregatorOptions(), out _);
        var trading = new TradingState(_symbols, new TradingOptions { SignalLogCapacity = 100, FillLogCapacity = 100 });
        var handler = new StrategyHandler<TStrategy>(strategy, trading, views);

        long allocated = AllocationProbe.Measure(() => EventStream.Run(ref handler, events));

        Assert.Equal(0, allocated);
        Assert.True(trading.Signals.TotalCount > 500, "signals: " + trading.Signals.TotalCount); // far beyond the logs' capacity
        Assert.True(trading.Fills.TotalCount > 500, "fills: " + trading.Fills.TotalCount);
    }
}
