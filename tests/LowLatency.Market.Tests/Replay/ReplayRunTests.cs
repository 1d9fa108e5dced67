using System.Text;
using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Replay;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Ticks;

namespace LowLatency.Market.Tests.Replay;

public sealed class ReplayRunTests
{
    [Fact]
    public void Execute_GeneratedTicks_SameSignalsAsDirectRun()
    {
        var symbols = new SymbolTable();
        MarketEvent[] ticks = Generate(symbols, 50_000, GeneratorModel.RandomWalk);
        var options = new MarketPipelineOptions
        {
            RingSize = 1024,
            RecordLatency = true,
            Strategy = new StrategyOptions { Kind = StrategyKind.VwapMeanReversion, BuyBelowVwapBps = 5, SellAboveVwapBps = 5 },
        };

        using var replayed = new MarketPipeline(symbols, options);
        using var merger = new TickMerger([new ArrayTickSource("ticks", ticks)]);
        ReplayReport report = ReplayRun.Execute(replayed, merger, new ReplayOptions(), cancellation: TestContext.Current.CancellationToken);

        using var direct = new MarketPipeline(symbols, options);
        direct.Start();
        foreach (MarketEvent e in ticks)
        {
            direct.Publish(e);
        }

        Assert.True(direct.Shutdown(TimeSpan.FromSeconds(30)));
        Assert.True(report.Drained);
        Assert.Null(report.Error);
        Assert.Equal(50_000, report.Published);
        Assert.Equal(ticks[0].TimestampNs, report.FirstTimestampNs);
        Assert.Equal(ticks[^1].TimestampNs, report.LastTimestampNs);
        Assert.True(replayed.Strategy.Signals.TotalCount > 0);
        Assert.Equal(direct.Strategy.Signals.Signals.ToArray(), replayed.Strategy.Signals.Signals.ToArray());
        Assert.Equal(50_000, replayed.Latency!.TotalCount);
    }

    [Fact]
    public void Execute_WindowAndSymbols_PublishesOnlySelected()
    {
        var symbols = new SymbolTable();
        MarketEvent[] ticks = Generate(symbols, 10_000, GeneratorModel.Classic);
        long from = ticks[1_000].TimestampNs, to = ticks[9_000].TimestampNs;
        SymbolId msft = symbols.GetOrAdd("MSFT");
        int expected = ticks.Count(t => t.TimestampNs >= from && t.TimestampNs < to && t.Symbol == msft);

        using var pipeline = new MarketPipeline(symbols, new MarketPipelineOptions { RingSize = 256 });
        using var merger = new TickMerger([new ArrayTickSource("ticks", ticks)]);
        ReplayReport report = ReplayRun.Execute(pipeline, merger,
            new ReplayOptions { FromNs = from, ToNs = to, Symbols = ["MSFT"] }, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(expected, report.Published);
        Assert.Equal(expected, pipeline.Aggregator.GetTradeCount(msft));
        Assert.Equal(0, pipeline.Aggregator.GetTradeCount(symbols.GetOrAdd("AAPL")));
    }

    [Fact]
    public void Execute_PacedAt100x_TakesAtLeastTheScaledRecordedSpan()
    {
        var symbols = new SymbolTable();
        // 200 events 1 ms apart = 199 ms recorded; at 100x that is about 2 ms of wall time.
        MarketEvent[] ticks = Generate(symbols, 200, GeneratorModel.Classic);
        using var pipeline = new MarketPipeline(symbols, new MarketPipelineOptions { RingSize = 256 });
        using var merger = new TickMerger([new ArrayTickSource("ticks", ticks)]);

        ReplayReport report = ReplayRun.Execute(pipeline, merger, new ReplayOptions { Speed = 100 }, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(200, report.Published);
        Assert.True(report.Seconds >= 0.199 / 100, $"replay took {report.Seconds} s");
    }

    [Fact]
    public void Execute_BadRowMidway_KeepsEverythingBeforeItAndReportsTheError()
    {
        var symbols = new SymbolTable();
        MarketEvent[] ticks = Generate(symbols, 1_000, GeneratorModel.Classic);
        using var pipeline = new MarketPipeline(symbols, new MarketPipelineOptions { RingSize = 64 });
        using var merger = new TickMerger([new ArrayTickSource("bad.csv", ticks, failAt: 600)]);

        ReplayReport report = ReplayRun.Execute(pipeline, merger, new ReplayOptions(), cancellation: TestContext.Current.CancellationToken);

        TickFormatException error = Assert.IsType<TickFormatException>(report.Error);
        Assert.Contains("bad.csv:601", error.Message, StringComparison.Ordinal);
        Assert.Equal(600, report.Published);
        foreach (IEventProcessor stage in pipeline.Stages)
        {
            Assert.Equal(600, stage.ProcessedCount);
        }
    }

    [Fact]
    public void Execute_SignalsToCsv_ByteIdenticalAcrossRunsAndWaitStrategies()
    {
        byte[] hybrid = ReplayToCsv(WaitStrategyKind.Hybrid);
        byte[] again = ReplayToCsv(WaitStrategyKind.Hybrid);
        byte[] blocking = ReplayToCsv(WaitStrategyKind.Blocking);

        Assert.True(hybrid.Length > CsvSignalWriter.Header.Length + 100);
        Assert.Equal(hybrid, again);
        Assert.Equal(hybrid, blocking);
        string[] lines = Encoding.UTF8.GetString(hybrid).Split('\n');
        Assert.Equal(CsvSignalWriter.Header, lines[0]);
        Assert.Matches(@"^\d+,\d+,(AAPL|GOOGL|MSFT),(buy|sell),100,\d+(\.\d+)?,price_(below|above)_threshold$", lines[1]);
    }

    private static byte[] ReplayToCsv(WaitStrategyKind wait)
    {
        var symbols = new SymbolTable();
        MarketEvent[] ticks = Generate(symbols, 20_000, GeneratorModel.Classic);
        using var pipeline = new MarketPipeline(symbols, new MarketPipelineOptions { RingSize = 512, WaitStrategy = wait });
        var stream = new MemoryStream();
        using (var writer = new CsvSignalWriter(stream, symbols)) // ToArray still works once the writer closed it
        {
            pipeline.Strategy.Signals.Sink = writer;
            using var merger = new TickMerger([new ArrayTickSource("ticks", ticks)]);
            Assert.True(ReplayRun.Execute(pipeline, merger, new ReplayOptions(), cancellation: TestContext.Current.CancellationToken).Drained);
            Assert.Equal(pipeline.Strategy.Signals.TotalCount, writer.Rows);
        }

        return stream.ToArray();
    }

    private static MarketEvent[] Generate(SymbolTable symbols, int count, GeneratorModel model)
    {
        var generator = new MarketEventGenerator(symbols, new MarketEventGeneratorOptions { Model = model, Seed = 5 });
        var ticks = new MarketEvent[count];
        for (int i = 0; i < count; i++)
        {
            generator.Next(ref ticks[i]);
        }

        return ticks;
    }
}
