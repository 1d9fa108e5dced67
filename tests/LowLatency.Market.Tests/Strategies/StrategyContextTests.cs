using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Strategies;

public sealed class StrategyContextTests
{
    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;
    private readonly SymbolId _msft = TestSymbols.Msft;

    /// <summary>The views the strategy reads are as of its own event while the aggregator runs ahead: in a two-slot
    /// ring (a view reused as soon as the strategy is done with it), and in a big ring with both stages on one thread
    /// (views for four fused batches, not per slot: <see cref="StrategyViews"/>) or on two (a view per slot).</summary>
    [Theory]
    [InlineData(2, StageTopology.Auto)]
    [InlineData(65_536, StageTopology.Fused)]
    [InlineData(65_536, StageTopology.Threaded)]
    public void Aggregates_WithTheAggregatorAhead_AsOfTheStrategysOwnEvent(int ringSize, StageTopology topology)
    {
        const int events = 20_000;
        var generatorOptions = new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk, Seed = 21 };
        var options = new MarketPipelineOptions
        {
            RingSize = ringSize,
            Topology = topology,
            Aggregator = new AggregatorOptions { RollingBucketWidthNs = 5_000_000, RollingBucketCount = 4, BarIntervalNs = 50_000_000 },
        };

        // The pipeline's strategy is slow and notes how many trades the aggregator has folded in by then.
        var liveTrades = new List<long>(events);
        AggregatorState? live = null;
        var strategy = new ScriptedStrategy((ref StrategyContext _) =>
        {
            Thread.SpinWait(20);
            liveTrades.Add(live!.TradeCount);
        });
        var symbols = new SymbolTable();
        using MarketPipeline pipeline = new MarketPipelineBuilder(symbols, options).WithStrategy(strategy).Build();
        live = pipeline.Aggregator;
        var producer = new GeneratorProducer(pipeline.RingBuffer, new MarketEventGenerator(symbols, generatorOptions));
        pipeline.Start();
        producer.Produce(events, 0, TestContext.Current.CancellationToken);
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(60)));

        // Reference: the same stages one event at a time, where "as of the event" is all there is.
        var asOfTrades = new List<long>(events);
        SequentialPipeline<ScriptedStrategy>? reference = null;
        var referenceStrategy = new ScriptedStrategy((ref StrategyContext _) => asOfTrades.Add(reference!.Aggregator.TradeCount));
        var referenceSymbols = new SymbolTable();
        reference = new SequentialPipeline<ScriptedStrategy>(referenceSymbols, referenceStrategy, options);
        reference.Process(EventStream.Generate(referenceSymbols, generatorOptions, events));

        Assert.Equal(events, referenceStrategy.Seen.Count);
        Assert.Contains(referenceStrategy.Seen, s => s.Bar is { TradeCount: > 1 });
        Assert.Contains(referenceStrategy.Seen, s => !s.IsTrade && s.RollingMid.Raw > 0 && s.RollingVwap.Raw > 0);
        Assert.Equal(referenceStrategy.Seen, strategy.Seen);
        int ahead = liveTrades.Where((count, i) => count > asOfTrades[i]).Count();
        Assert.True(ahead > 0, "the aggregator was never ahead of the strategy: the test proved nothing");
        TestContext.Current.TestOutputHelper?.WriteLine($"the aggregator was ahead at {ahead} of {events} events");
    }

    [Fact]
    public void Exposure_OpenOrders_CountedUntilTheyFill()
    {
        ContextSnapshot afterSubmit = default;
        var strategy = new ScriptedStrategy((ref StrategyContext c) =>
        {
            if (c.Sequence == 0)
            {
                c.Buy(P(10m), 1);
                c.Sell(P(3m), 2);
                afterSubmit = ContextSnapshot.Of(ref c);
            }
        });
        var bench = new StrategyBench<ScriptedStrategy>(_symbols, strategy);

        bench.Trade(_aapl, 100m, rollingVwap: 100m);
        bench.Trade(_msft, 50m, rollingVwap: 50m);   // another symbol: AAPL's orders stay open
        bench.Trade(_aapl, 101m, rollingVwap: 100m); // both fill at 101

        Assert.Equal((FixedPoint.Zero, P(10m), P(3m), P(7m)), (afterSubmit.Position, afterSubmit.OpenBuyQuantity, afterSubmit.OpenSellQuantity, afterSubmit.Exposure));
        ContextSnapshot msft = strategy.Seen[1];
        Assert.Equal((FixedPoint.Zero, FixedPoint.Zero), (msft.Exposure, msft.OpenBuyQuantity));
        ContextSnapshot filled = strategy.Seen[2];
        Assert.Equal((P(7m), FixedPoint.Zero, FixedPoint.Zero, P(7m)), (filled.Position, filled.OpenBuyQuantity, filled.OpenSellQuantity, filled.Exposure));
        Assert.Equal((P(101m), 0m, 0m), (filled.AverageCost, filled.RealizedPnl, filled.UnrealizedPnl));
    }

    [Fact]
    public void Submit_SeveralIntents_SignalIsTheSideOfTheFirstAccepted()
    {
        var results = new List<IntentResult>();
        var strategy = new ScriptedStrategy((ref StrategyContext c) =>
        {
            if (c.Sequence == 0)
            {
                results.Add(c.Buy(FixedPoint.Zero, 1));           // invalid: not the event's signal
                results.Add(c.SellLimit(P(1m), P(99m), 2));
                results.Add(c.Buy(P(1m), 3));
            }
            else if (c.Sequence == 1)
            {
                results.Add(c.BuyLimit(P(1m), FixedPoint.Zero, 4)); // invalid only
            }
            else
            {
                results.Add(c.Submit(OrderIntent.Limit(SignalSide.Buy, P(2m), P(101m), 5)));
            }
        });
        var bench = new StrategyBench<ScriptedStrategy>(_symbols, strategy);

        SignalSide[] sides = [bench.Trade(_aapl, 100m, 100m), bench.Trade(_aapl, 100m, 100m), bench.Trade(_aapl, 100m, 100m)];

        Assert.Equal([SignalSide.Sell, SignalSide.None, SignalSide.Buy], sides);
        Assert.Equal(
            [IntentResult.Invalid, IntentResult.Accepted, IntentResult.Accepted, IntentResult.Invalid, IntentResult.Accepted],
            results);
        Assert.Equal(
            [(OrderType.Limit, P(99m), (byte)2), (OrderType.Market, P(100m), (byte)3), (OrderType.Limit, P(101m), (byte)5)],
            bench.Trading.Signals.Signals.ToArray().Select(s => (s.Type, s.Price, s.Reason)));
    }

    [Fact]
    public void Book_TradesAndQuotes_AsOfThisEventIncludingIt()
    {
        var strategy = new ScriptedStrategy();
        var bench = new StrategyBench<ScriptedStrategy>(_symbols, strategy);

        bench.Quote(_aapl, 99.99m, 100.01m, rollingMid: 100m);
        bench.Trade(_aapl, 100.02m, rollingVwap: 100.02m, size: 5m);
        bench.Quote(_aapl, 100.00000001m, 100.00000002m, rollingMid: 100m, rollingVwap: 100.02m);

        ContextSnapshot quote = strategy.Seen[0], trade = strategy.Seen[1], late = strategy.Seen[2];
        Assert.Equal((false, true, P(99.99m), P(100.01m), P(100m), P(100m)), (quote.HasTrade, quote.HasQuote, quote.BestBid, quote.BestAsk, quote.Mid, quote.Price));
        Assert.Null(quote.Bar);
        Assert.Equal((true, P(100.02m), P(5m), P(100.02m), P(100m)), (trade.HasTrade, trade.LastTradePrice, trade.LastTradeSize, trade.Price, trade.Mid));
        Assert.Equal((P(100.00000002m), P(100.00000002m), P(100.02m)), (late.Mid, late.Price, late.LastTradePrice)); // mid: halves round up
    }

    [Fact]
    public void Pnl_AfterFills_SameAsTheEnginesFigures()
    {
        var strategy = new ScriptedStrategy((ref StrategyContext c) =>
        {
            _ = c.Sequence switch
            {
                0 => c.Buy(P(4m), 1),
                2 => c.Sell(P(1m), 2),
                _ => IntentResult.Accepted,
            };
        });
        var bench = new StrategyBench<ScriptedStrategy>(_symbols, strategy);

        bench.Trade(_aapl, 10m, 0m);
        bench.Trade(_aapl, 10.5m, 0m);   // long 4 @ 10.5
        bench.Trade(_aapl, 11m, 0m);
        bench.Trade(_aapl, 12m, 0m);     // sold 1 @ 12: +1.5 realized; 3 left, marked at 12: +4.5

        ContextSnapshot seen = strategy.Seen[3];
        Assert.Equal((P(3m), P(10.5m), 1.5m, 4.5m), (seen.Position, seen.AverageCost, seen.RealizedPnl, seen.UnrealizedPnl));
        Assert.Equal((bench.Trading.GetRealizedPnl(_aapl), bench.Trading.GetUnrealizedPnl(_aapl)), (seen.RealizedPnl, seen.UnrealizedPnl));
    }
}
