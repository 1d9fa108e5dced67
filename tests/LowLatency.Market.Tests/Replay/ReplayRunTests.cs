using System.Globalization;
using System.Text;
using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Ticks.Replay;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;

namespace LowLatency.Market.Tests.Replay;

public sealed class ReplayRunTests
{
    [Fact]
    public void Execute_GeneratedTicks_SameSignalsAsDirectRun()
    {
        var symbols = new SymbolTable();
        MarketEvent[] ticks = Generate(symbols, 50_000, GeneratorModel.RandomWalk);
        var options = new MarketPipelineOptions { RingSize = 1024, RecordLatency = true };

        using MarketPipeline replayed = Build(symbols, options);
        using var merger = new TickMerger([new ArrayTickSource("ticks", ticks)]);
        ReplayReport report = ReplayRun.Execute(replayed, merger, new ReplayOptions(), cancellation: TestContext.Current.CancellationToken);

        using MarketPipeline direct = Build(symbols, options);
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
        Assert.True(replayed.Trading.Signals.TotalCount > 0);
        Assert.True(replayed.Trading.Fills.TotalCount > 0);
        Assert.Equal(direct.Trading.Signals.Signals.ToArray(), replayed.Trading.Signals.Signals.ToArray());
        Assert.Equal(direct.Trading.Fills.Fills.ToArray(), replayed.Trading.Fills.Fills.ToArray());
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

        using MarketPipeline pipeline = Build(symbols, new MarketPipelineOptions { RingSize = 256 });
        using var merger = new TickMerger([new ArrayTickSource("ticks", ticks)]);
        ReplayReport report = ReplayRun.Execute(pipeline, merger,
            new ReplayOptions { Window = new TickTimeRange(from, to), Symbols = ["MSFT"] }, cancellation: TestContext.Current.CancellationToken);

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
        using MarketPipeline pipeline = Build(symbols, new MarketPipelineOptions { RingSize = 256 });
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
        using MarketPipeline pipeline = Build(symbols, new MarketPipelineOptions { RingSize = 64 });
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
    public void Execute_SignalsAndFillsToCsv_ByteIdenticalAcrossRunsAndWaitStrategies()
    {
        (byte[] Signals, byte[] Fills) hybrid = ReplayToCsv(WaitStrategyKind.Hybrid);
        (byte[] Signals, byte[] Fills) again = ReplayToCsv(WaitStrategyKind.Hybrid);
        (byte[] Signals, byte[] Fills) blocking = ReplayToCsv(WaitStrategyKind.Blocking);

        Assert.True(hybrid.Signals.Length > CsvSignalWriter.Header.Length + 100);
        Assert.True(hybrid.Fills.Length > CsvFillWriter.Header.Length + 100);
        Assert.Equal(hybrid.Signals, again.Signals);
        Assert.Equal(hybrid.Signals, blocking.Signals);
        Assert.Equal(hybrid.Fills, again.Fills);
        Assert.Equal(hybrid.Fills, blocking.Fills);
        string[] signals = Encoding.UTF8.GetString(hybrid.Signals).Split('\n');
        Assert.Equal(CsvSignalWriter.Header, signals[0]);
        Assert.Matches(@"^\d+,\d+,(AAPL|GOOGL|MSFT),(buy|sell),market,\d+,\d+(\.\d+)?,(below_buy_level|above_sell_level)$", signals[1]);
        string[] fills = Encoding.UTF8.GetString(hybrid.Fills).Split('\n');
        Assert.Equal(CsvFillWriter.Header, fills[0]);
        Assert.Matches(@"^\d+,\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z,(AAPL|GOOGL|MSFT),(buy|sell),\d+,\d+(\.\d+)?,0,-?\d+,-?\d+(\.\d+)?,\d+,(below_buy_level|above_sell_level)$", fills[1]);
        Assert.Equal("", fills[^1]);
        Assert.All(fills[1..^1], row =>
        {
            string[] fields = row.Split(',');
            long timestampNs = long.Parse(fields[1], CultureInfo.InvariantCulture);
            Assert.Equal(DateTime.UnixEpoch.AddTicks(timestampNs / 100).ToString("o", CultureInfo.InvariantCulture), fields[2]); // round-trip UTC format
        });
    }

    [Fact]
    public void Execute_SpyDayCancelledMidway_InterruptedAfterDrainingEverythingPublished()
    {
        const string Spy = "lean/equity/usa/tick/spy/20131008_trade.zip";
        using MarketPipeline whole = RecordedReplay.Run(Spy, new MarketPipelineOptions(), null, out ReplayReport wholeReport);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        using MarketPipeline cut = RecordedReplay.Run(Spy, new MarketPipelineOptions(), null, out ReplayReport report,
            wrap: source => new CancellingTickSource(source, 150_000, stop), cancellation: stop.Token);

        Assert.Equal((451_545L, false), (wholeReport.Published, wholeReport.Interrupted));
        Assert.True(report.Interrupted);
        Assert.Null(report.Error);
        Assert.InRange(report.Published, 150_000 - 2, 150_000 + ReplayRun.MaxBatch + 1_024); // stops within a check interval
        Assert.Equal(report.Published, cut.Stages.Select(stage => stage.ProcessedCount).Distinct().Single());  // every stage saw every event
        Assert.Equal(report.Published, cut.Aggregator.TradeCount + cut.Aggregator.QuoteCount + cut.Aggregator.SkippedCount);
        Assert.Equal(cut.Filter.AcceptedCount, cut.Trading.TradeCount + cut.Trading.QuoteCount);

        // What the strategy did with those events is what the whole day's run did with the same first events.
        long published = report.Published;
        Assert.True(cut.Trading.Fills.TotalCount > 10, "fills: " + cut.Trading.Fills.TotalCount);
        Assert.Equal(whole.Trading.Signals.Signals.ToArray().Where(s => s.Sequence < published), cut.Trading.Signals.Signals.ToArray());
        Assert.Equal(whole.Trading.Fills.Fills.ToArray().Where(f => f.Sequence < published), cut.Trading.Fills.Fills.ToArray());
        Assert.True(report.LastTimestampNs < wholeReport.LastTimestampNs);
    }

    [Fact]
    public void Execute_CancelledWhileReadingPastTheWindow_StopsPromptlyAndReportsInterrupted()
    {
        // Five ticks inside the window are published (5 is no multiple of the check interval), then the input goes on
        // past --to without end: nothing more is published, and the Ctrl+C after 100,000 rows must still stop it.
        var symbols = new SymbolTable();
        SymbolId msft = symbols.GetOrAdd("MSFT");
        MarketEvent[] inside = [.. Enumerable.Range(1, 5).Select(i => MarketEvent.Trade(msft, FixedPoint.FromInt(100), FixedPoint.FromInt(1), timestampNs: i))];
        var after = MarketEvent.Trade(msft, FixedPoint.FromInt(100), FixedPoint.FromInt(1), timestampNs: 2_000);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var source = new EndlessTickSource(inside, after, cancelAfterRows: 100_000, stop, giveUpAfter: TimeSpan.FromSeconds(10));
        using MarketPipeline pipeline = Build(symbols, new MarketPipelineOptions { RingSize = 256 });
        using var merger = new TickMerger([source]);

        ReplayReport report = ReplayRun.Execute(pipeline, merger,
            new ReplayOptions { Window = new TickTimeRange(null, 1_000) }, cancellation: stop.Token);

        Assert.True(report.Interrupted);
        Assert.Null(report.Error);
        Assert.True(report.Drained);
        Assert.Equal(5, report.Published);
        Assert.InRange(source.RowsAfterCancel, 0, 1_024 + 1); // one check interval (+ the merger's read-ahead), not 10 s of rows
        Assert.Equal(report.NotSelected, report.OutsideRange);
        Assert.Equal(source.RowsRead - 1 - 5, report.OutsideRange); // every row read but the one peeked ahead was counted
    }

    private static (byte[] Signals, byte[] Fills) ReplayToCsv(WaitStrategyKind wait)
    {
        var symbols = new SymbolTable();
        MarketEvent[] ticks = Generate(symbols, 20_000, GeneratorModel.Classic);
        using MarketPipeline pipeline = Build(symbols, new MarketPipelineOptions { RingSize = 512, WaitStrategy = wait });
        var signals = new MemoryStream();
        var fills = new MemoryStream();
        using (var signalWriter = new CsvSignalWriter(signals, symbols, pipeline.Reasons)) // ToArray still works once the writer closed it
        using (var fillWriter = new CsvFillWriter(fills, symbols, pipeline.Reasons))
        {
            pipeline.Trading.Sink = SignalSinks.Combine(signalWriter, fillWriter);
            using var merger = new TickMerger([new ArrayTickSource("ticks", ticks)]);
            Assert.True(ReplayRun.Execute(pipeline, merger, new ReplayOptions(), cancellation: TestContext.Current.CancellationToken).Drained);
            Assert.Equal(pipeline.Trading.Signals.TotalCount, signalWriter.Rows);
            Assert.Equal(pipeline.Trading.Fills.TotalCount, fillWriter.Rows);
        }

        return (signals.ToArray(), fills.ToArray());
    }

    /// <summary>A pipeline with the default strategy (threshold, bps levels around the rolling VWAP).</summary>
    private static MarketPipeline Build(SymbolTable symbols, MarketPipelineOptions options) =>
        new MarketPipelineBuilder(symbols, options).WithStrategy(StrategyCatalog.WithBuiltIns().Default).Build();

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
