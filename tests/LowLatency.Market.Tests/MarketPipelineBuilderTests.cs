using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Market.Tests;

public sealed class MarketPipelineBuilderTests
{
    [Fact]
    public void Build_OwnStages_SeeEveryEventInOrderAroundTheBuiltInStages()
    {
        const int events = 20_000;
        var generatorOptions = new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk, Seed = 4 };
        var options = new MarketPipelineOptions { RingSize = 64 };
        var strategyOptions = new VwapMeanReversionOptions { EntryBps = 2, StopBps = 4 };
        var besideA = new ProbeLog(events);
        var besideB = new ProbeLog(events);
        var before1 = new ProbeLog(events, besideA, besideB);
        var before2 = new ProbeLog(events, before1);
        var after1 = new ProbeLog(events);
        var after2 = new ProbeLog(events, after1);
        var symbols = new SymbolTable();

        // Added in any order: each kind keeps its place in the chain, and stages of one kind keep their order.
        using MarketPipeline pipeline = new MarketPipelineBuilder(symbols, options)
            .AfterStrategy(new ProbeHandler(after1), "after-1")
            .BeforeStrategy(new ProbeHandler(before1), "before-1")
            .WithStrategy(new VwapMeanReversionStrategy(strategyOptions, symbols.Capacity))
            .BesideAggregator(new ProbeHandler(besideA), "beside-a")
            .AfterStrategy(new ProbeHandler(after2), "after-2")
            .BesideAggregator(new ProbeHandler(besideB), "beside-b")
            .BeforeStrategy(new ProbeHandler(before2), "before-2")
            .Build();
        var producer = new GeneratorProducer(pipeline.RingBuffer, new MarketEventGenerator(symbols, generatorOptions));
        pipeline.Start();
        producer.Produce(events, 0, TestContext.Current.CancellationToken);
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(60)));

        // Reference: what each built-in stage writes, from the same stages run one after another.
        var referenceSymbols = new SymbolTable();
        MarketEvent[] expected = EventStream.Generate(referenceSymbols, generatorOptions, events);
        new SequentialPipeline<VwapMeanReversionStrategy>(referenceSymbols, new VwapMeanReversionStrategy(strategyOptions, referenceSymbols.Capacity), options)
            .Process(expected);

        Assert.Equal(
            ["filter", "aggregator", "beside-a", "beside-b", "before-1", "before-2", "strategy", "after-1", "after-2"],
            pipeline.Stages.Select(s => s.Name));
        Assert.All(pipeline.Stages, s => Assert.Equal(events, s.ProcessedCount));
        Assert.All(new[] { besideA, besideB, before1, before2, after1, after2 }, log => Assert.True(log.Count == events && log.InOrder));
        Assert.Contains(expected, e => e.Signal != SignalSide.None);
        Assert.Contains(expected, e => e.IsQuote && e.RollingVwap.Raw > 0);
        for (int i = 0; i < events; i++)
        {
            Assert.Equal(expected[i].FilterReason, besideA.Seen[i].FilterReason);             // after the filter
            Assert.Equal(expected[i].FilterReason, besideB.Seen[i].FilterReason);
            Assert.Equal(expected[i].RollingVwap, before1.Seen[i].RollingVwap);               // after the aggregator
            Assert.Equal(SignalSide.None, before2.Seen[i].Signal);                            // before the strategy
            Assert.True(before1.AfterWatched[i] && before2.AfterWatched[i], "before-strategy stages wait for the side stages and each other: " + i);
            Assert.Equal(expected[i].Signal, after1.Seen[i].Signal);                          // after the strategy
            Assert.Equal(expected[i].RollingVwap, after2.Seen[i].RollingVwap);
            Assert.True(after2.AfterWatched[i], "after-strategy stages run in order: " + i);
        }

        Assert.Equal(expected.Count(e => e.Signal != SignalSide.None), pipeline.Trading.Signals.TotalCount);
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        MarketPipelineBuilder builder = new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions { RingSize = 8 })
            .WithStrategy(StrategyDefinition.For<ThresholdStrategy>());
        using MarketPipeline first = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Equal("This builder has built its pipeline already; use a new builder for another.", ex.Message);
    }

    [Fact]
    public void Build_WithoutStrategy_Throws()
    {
        var builder = new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions { RingSize = 8 });

        var ex = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Equal("No strategy: call WithStrategy before Build.", ex.Message);
    }

    [Fact]
    public void WithStrategy_Twice_ThrowsNamingTheFirst()
    {
        var symbols = new SymbolTable();
        MarketPipelineBuilder builder = new MarketPipelineBuilder(symbols, new MarketPipelineOptions()).WithStrategy(StrategyDefinition.For<ThresholdStrategy>());

        var ex = Assert.Throws<InvalidOperationException>(() => builder.WithStrategy(new VwapMeanReversionStrategy(new VwapMeanReversionOptions(), symbols.Capacity)));

        Assert.Equal("The pipeline already runs strategy 'threshold'; a pipeline runs one strategy.", ex.Message);
    }

    [Fact]
    public void WithStrategy_DefinitionUnderAnotherName_ReportsThatNameAndTheStrategysReasons()
    {
        StrategyDefinition definition = StrategyDefinition.For<VwapMeanReversionStrategy>("fade");
        var parameters = new StrategyParameters(new Dictionary<string, string?> { ["entry-bps"] = "7" });

        using MarketPipeline pipeline = new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions { RingSize = 8 })
            .WithStrategy(definition, parameters)
            .Build();

        Assert.Equal("fade", pipeline.StrategyName);
        Assert.Equal("stop_loss", pipeline.Reasons[VwapMeanReversionStrategy.StopLoss]);
    }

    [Fact]
    public void WithStrategy_DefinitionWithBadParameter_ThrowsNamingIt()
    {
        var builder = new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions());
        var parameters = new StrategyParameters(new Dictionary<string, string?> { ["entry-bps"] = "abc" }, "--strategy-param {0}");

        var ex = Assert.Throws<StrategyParameterException>(() => builder.WithStrategy(StrategyDefinition.For<VwapMeanReversionStrategy>(), parameters));

        Assert.Equal("--strategy-param entry-bps: must be a whole number, 1 to 10_000 (got 'abc').", ex.Message);
        Assert.Throws<InvalidOperationException>(builder.Build); // nothing was set
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions { RingSize = 1000 }));
        Assert.Contains("RingSize", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ArgumentException>(() => new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions { Trading = new() { MaxOpenOrders = 0 } }));
        Assert.Contains("MaxOpenOrders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStage_BlankName_Throws()
    {
        var builder = new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions { RingSize = 8 })
            .WithStrategy(StrategyDefinition.For<ThresholdStrategy>());

        Assert.Throws<ArgumentException>(() => builder.AfterStrategy(new ProbeHandler(new ProbeLog(1)), " ").Build());
    }

    [Fact]
    public void Build_RecordLatency_StrategyStageRecordsEveryEvent()
    {
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        using MarketPipeline pipeline = new MarketPipelineBuilder(symbols, new MarketPipelineOptions { RingSize = 8, RecordLatency = true })
            .WithStrategy(StrategyDefinition.For<ThresholdStrategy>())
            .Build();
        pipeline.Start();
        for (int i = 0; i < 10; i++)
        {
            pipeline.Publish(MarketEvent.Trade(aapl, FixedPoint.FromInt(100 + i), FixedPoint.FromInt(1), i));
        }

        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
        Assert.Equal(10, pipeline.Latency!.TotalCount);
        Assert.Equal("strategy", pipeline.Stages[^1].Name);
        Assert.Equal(PipelineState.Stopped, pipeline.State);
    }
}
