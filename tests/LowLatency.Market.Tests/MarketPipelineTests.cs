using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Market.Tests;

public sealed class MarketPipelineTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<WaitStrategyKind, ProducerType> AllVariants()
    {
        var data = new TheoryData<WaitStrategyKind, ProducerType>();
        foreach (WaitStrategyKind wait in Enum.GetValues<WaitStrategyKind>())
        {
            data.Add(wait, ProducerType.Single);
            data.Add(wait, ProducerType.Multi);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void Pipeline_RandomWalk_MatchesSequentialReference(WaitStrategyKind wait, ProducerType producerType)
    {
        const int events = 100_000;
        var generatorOptions = new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk, Seed = 3 };
        var options = new MarketPipelineOptions
        {
            RingSize = 1024,
            WaitStrategy = wait,
            ProducerType = producerType,
            Filter = new FilterOptions { MaxSize = FixedPoint.FromInt(900) },
        };
        var strategyOptions = new VwapMeanReversionOptions { EntryBps = 5, StopBps = 10 };

        var symbols = new SymbolTable();
        using MarketPipeline pipeline = new MarketPipelineBuilder(symbols, options)
            .WithStrategy(new VwapMeanReversionStrategy(strategyOptions, symbols.Capacity))
            .Build();
        var generator = new MarketEventGenerator(symbols, generatorOptions);
        var producer = new GeneratorProducer(pipeline.RingBuffer, generator);
        pipeline.Start();
        producer.Produce(events, 0, TestContext.Current.CancellationToken);
        Assert.True(pipeline.Shutdown(s_timeout));

        // Reference: the same handlers, one event at a time through all three, on one thread.
        var referenceSymbols = new SymbolTable();
        MarketEvent[] stream = EventStream.Generate(referenceSymbols, generatorOptions, events);
        var reference = new SequentialPipeline<VwapMeanReversionStrategy>(
            referenceSymbols, new VwapMeanReversionStrategy(strategyOptions, referenceSymbols.Capacity), options);
        reference.Process(stream);

        foreach (IEventProcessor stage in pipeline.Stages)
        {
            Assert.Equal(events, stage.ProcessedCount);
            Assert.Equal(0, stage.FailureCount);
        }

        Assert.Equal(reference.Filter.AcceptedCount, pipeline.Filter.AcceptedCount);
        Assert.True(pipeline.Filter.FilteredCount > 0, "the size bound should filter some events");
        Assert.Equal(reference.Filter.GetCount(FilterReason.SizeOutOfBounds), pipeline.Filter.GetCount(FilterReason.SizeOutOfBounds));
        Assert.True(pipeline.Trading.Signals.TotalCount > 100, "signals: " + pipeline.Trading.Signals.TotalCount);
        Assert.True(pipeline.Trading.Fills.TotalCount > 100, "fills: " + pipeline.Trading.Fills.TotalCount);
        Assert.Equal(reference.Trading.Signals.TotalCount, pipeline.Trading.Signals.TotalCount);
        Assert.Equal(reference.Trading.Signals.Signals.ToArray(), pipeline.Trading.Signals.Signals.ToArray());
        Assert.Equal(reference.Trading.Fills.Fills.ToArray(), pipeline.Trading.Fills.Fills.ToArray());
        Assert.Equal(reference.Trading.TradeCount, pipeline.Trading.TradeCount);
        Assert.Equal(reference.Trading.QuoteCount, pipeline.Trading.QuoteCount);
        Assert.Equal(reference.Trading.OpenOrderCount, pipeline.Trading.OpenOrderCount);
        Assert.Equal(reference.Trading.TotalRealizedPnl, pipeline.Trading.TotalRealizedPnl);
        Assert.Equal(reference.Trading.TotalPnl, pipeline.Trading.TotalPnl);
        for (int i = 0; i < symbols.Count; i++)
        {
            var id = new SymbolId(i);
            Assert.Equal(referenceSymbols.GetName(id), symbols.GetName(id));
            Assert.Equal(reference.Aggregator.GetVwap(id), pipeline.Aggregator.GetVwap(id));
            Assert.Equal(reference.Aggregator.GetRollingVwap(id), pipeline.Aggregator.GetRollingVwap(id));
            Assert.Equal(reference.Aggregator.GetRollingMid(id), pipeline.Aggregator.GetRollingMid(id));
            Assert.Equal(reference.Aggregator.GetTradeCount(id), pipeline.Aggregator.GetTradeCount(id));
            Assert.Equal(reference.Trading.GetPosition(id), pipeline.Trading.GetPosition(id));
            Assert.Equal(reference.Trading.GetAverageCost(id), pipeline.Trading.GetAverageCost(id));
        }
    }

    [Fact]
    public void Publish_CopiesEventAndClearsStageFields()
    {
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        using MarketPipeline pipeline = Build(symbols, new MarketPipelineOptions { RingSize = 8 });
        pipeline.Start();
        MarketEvent dirty = MarketEvent.Trade(aapl, FixedPoint.FromInt(120), FixedPoint.FromInt(10), 1);
        dirty.FilterReason = FilterReason.CrossedQuote; // must not leak into the pipeline
        for (int i = 0; i < 20; i++)
        {
            dirty.TimestampNs = i + 1;
            pipeline.Publish(dirty);
        }

        Assert.True(pipeline.Shutdown(s_timeout));
        Assert.Equal(20, pipeline.Filter.AcceptedCount);
        Assert.Equal(20, pipeline.Aggregator.GetTradeCount(aapl));
        Assert.Equal(20, pipeline.Trading.TradeCount);
        Assert.Equal(FixedPoint.FromInt(120), pipeline.Aggregator.GetVwap(aapl));
    }

    [Fact]
    public void Build_DefaultStrategy_NamesItAndItsReasons()
    {
        using MarketPipeline pipeline = Build(new SymbolTable(), new MarketPipelineOptions { RingSize = 8 });

        Assert.Equal("threshold", pipeline.StrategyName);
        Assert.Equal("below_buy_level", pipeline.Reasons[ThresholdStrategy.BelowBuyLevel]);
        Assert.Equal(["filter", "aggregator", "strategy"], pipeline.Stages.Select(s => s.Name));
    }

    [Fact]
    public void GeneratorRun_MoreProducersThanSingleProducerRingAllows_Throws()
    {
        using MarketPipeline pipeline = Build(new SymbolTable(), new MarketPipelineOptions());
        var ex = Assert.Throws<ArgumentException>(() => GeneratorRun.Execute(pipeline, new GeneratorRunOptions { Producers = 2, Events = 10 }, TestContext.Current.CancellationToken));
        Assert.Contains("multi-producer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratorRun_FourProducers_EveryEventThroughEveryStage()
    {
        var symbols = new SymbolTable();
        using MarketPipeline pipeline = Build(symbols, new MarketPipelineOptions { ProducerType = ProducerType.Multi, RingSize = 4096 });
        GeneratorRunReport report = GeneratorRun.Execute(pipeline, new GeneratorRunOptions
        {
            Producers = 4,
            Events = 400_003,
            Generator = new MarketEventGeneratorOptions { Symbols = ["AAA", "BBB", "CCC", "DDD", "EEE"] },
        }, TestContext.Current.CancellationToken);

        Assert.True(report.Drained);
        Assert.Equal(400_003, report.Published);
        foreach (IEventProcessor stage in pipeline.Stages)
        {
            Assert.Equal(400_003, stage.ProcessedCount);
        }

        long trades = 0;
        for (int i = 0; i < symbols.Count; i++)
        {
            trades += pipeline.Aggregator.GetTradeCount(new SymbolId(i));
        }

        Assert.Equal(400_003, trades); // the classic model emits trades only
        Assert.Equal(400_003, pipeline.Filter.AcceptedCount); // one writer per symbol: no out-of-order prints
        Assert.Equal(400_003, pipeline.Trading.TradeCount);
        Assert.Equal(5, symbols.Count);
    }

    [Fact]
    public void GeneratorRun_RecordLatency_RecordsTheMeasuredEventsNotTheWarmUp()
    {
        using MarketPipeline pipeline = Build(new SymbolTable(), new MarketPipelineOptions { RingSize = 4096, RecordLatency = true });
        GeneratorRunReport report = GeneratorRun.Execute(pipeline, new GeneratorRunOptions { Events = 50_000, WarmupEvents = 5_000 },
            TestContext.Current.CancellationToken);

        Assert.Equal(50_000, report.Published);
        Assert.Equal(45_000, pipeline.Latency!.TotalCount);
    }

    private static MarketPipeline Build(SymbolTable symbols, MarketPipelineOptions options) =>
        new MarketPipelineBuilder(symbols, options).WithStrategy(StrategyCatalog.WithBuiltIns().Default).Build();

    /// <summary>The aggregator keeps a view per ring slot for a strategy on another thread, and four fused batches of
    /// views when the two share one (they are never more than a batch apart there).</summary>
    [Theory]
    [InlineData(StageTopology.Fused, 1, StrategyViews.WhenSharingAThread)]
    [InlineData(StageTopology.Threaded, 1, 65_536)]
    [InlineData(StageTopology.Auto, 2, StrategyViews.WhenSharingAThread)] // 2 cores, 1 producer: the stages share one
    [InlineData(StageTopology.Auto, 8, 65_536)]                           // a thread per stage
    public void Start_SizesTheStrategysViewsForTheThreads(StageTopology topology, int cores, int expected)
    {
        using MarketPipeline pipeline = new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions { RingSize = 65_536, Topology = topology })
            .WithStrategy(StrategyCatalog.WithBuiltIns().Default, StrategyParameters.Defaults()).Build();
        pipeline.Pipeline.Cores = cores;
        Assert.Equal(65_536, pipeline.ViewCount);

        pipeline.Start();

        Assert.Equal(expected, pipeline.ViewCount);
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(10)));
    }
}
