using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;

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
            Strategy = new StrategyOptions { Kind = StrategyKind.VwapMeanReversion, BuyBelowVwapBps = 5, SellAboveVwapBps = 5 },
            Filter = new FilterOptions { MaxSize = FixedPoint.FromInt(900) },
        };

        var symbols = new SymbolTable();
        using var pipeline = new MarketPipeline(symbols, options);
        var generator = new MarketEventGenerator(symbols, generatorOptions);
        var producer = new GeneratorProducer(pipeline.RingBuffer, generator);
        pipeline.Start();
        producer.Produce(events, 0, TestContext.Current.CancellationToken);
        Assert.True(pipeline.Shutdown(s_timeout));

        Reference reference = Reference.Run(options, generatorOptions, events);

        foreach (IEventProcessor stage in pipeline.Stages)
        {
            Assert.Equal(events, stage.ProcessedCount);
            Assert.Equal(0, stage.FailureCount);
        }

        Assert.Equal(reference.Filter.AcceptedCount, pipeline.Filter.AcceptedCount);
        Assert.True(pipeline.Filter.FilteredCount > 0, "the size bound should filter some events");
        Assert.Equal(reference.Filter.GetCount(FilterReason.SizeOutOfBounds), pipeline.Filter.GetCount(FilterReason.SizeOutOfBounds));
        Assert.Equal(reference.Strategy.Signals.TotalCount, pipeline.Strategy.Signals.TotalCount);
        Assert.True(pipeline.Strategy.Signals.TotalCount > 0, "the strategy should emit signals on a random walk");
        Assert.Equal(reference.Strategy.Signals.Signals.ToArray(), pipeline.Strategy.Signals.Signals.ToArray());
        Assert.Equal(reference.Strategy.TotalPnl, pipeline.Strategy.TotalPnl);
        for (int i = 0; i < symbols.Count; i++)
        {
            var id = new SymbolId(i);
            Assert.Equal(reference.Aggregator.GetVwap(id), pipeline.Aggregator.GetVwap(id));
            Assert.Equal(reference.Aggregator.GetRollingVwap(id), pipeline.Aggregator.GetRollingVwap(id));
            Assert.Equal(reference.Aggregator.GetTradeCount(id), pipeline.Aggregator.GetTradeCount(id));
            Assert.Equal(reference.Strategy.GetPosition(id), pipeline.Strategy.GetPosition(id));
        }
    }

    [Fact]
    public void Publish_CopiesEventAndClearsStageFields()
    {
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        using var pipeline = new MarketPipeline(symbols, new MarketPipelineOptions { RingSize = 8 });
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
        Assert.Equal(FixedPoint.FromInt(120), pipeline.Aggregator.GetVwap(aapl));
    }

    [Fact]
    public void Constructor_RingSizeNotPowerOfTwo_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MarketPipeline(new SymbolTable(), new MarketPipelineOptions { RingSize = 1000 }));
        Assert.Contains("RingSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratorRun_MoreProducersThanSingleProducerRingAllows_Throws()
    {
        using var pipeline = new MarketPipeline(new SymbolTable(), new MarketPipelineOptions());
        var ex = Assert.Throws<ArgumentException>(() => GeneratorRun.Execute(pipeline, new GeneratorRunOptions { Producers = 2, Events = 10 }, TestContext.Current.CancellationToken));
        Assert.Contains("multi-producer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratorRun_FourProducers_EveryEventThroughEveryStage()
    {
        var symbols = new SymbolTable();
        using var pipeline = new MarketPipeline(symbols, new MarketPipelineOptions { ProducerType = ProducerType.Multi, RingSize = 4096 });
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
        Assert.Equal(5, symbols.Count);
    }

    /// <summary>The same three stages run one after another on one thread: the straightforward reference.</summary>
    private sealed record Reference(FilterState Filter, AggregatorState Aggregator, StrategyState Strategy)
    {
        public static Reference Run(MarketPipelineOptions options, MarketEventGeneratorOptions generatorOptions, int events)
        {
            var symbols = new SymbolTable();
            var generator = new MarketEventGenerator(symbols, generatorOptions);
            var reference = new Reference(
                new FilterState(symbols, options.Filter),
                new AggregatorState(symbols, options.Aggregator),
                new StrategyState(symbols, options.Strategy));
            var e = default(MarketEvent);
            for (long s = 0; s < events; s++)
            {
                generator.Next(ref e);
                reference.Filter.Apply(ref e);
                reference.Aggregator.Apply(ref e);
                reference.Strategy.Apply(ref e, s);
            }

            return reference;
        }
    }
}
