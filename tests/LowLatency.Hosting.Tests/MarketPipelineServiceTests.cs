using System.Globalization;
using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Tests;

public sealed class MarketPipelineServiceTests
{
    private static readonly string[] s_stageNames = ["filter", "aggregator", "strategy"];

    [Fact]
    public async Task StopAsync_AfterPublishingN_EveryStageProcessedExactlyN()
    {
        const int n = 100_000;
        using IHost host = TestHosts.Build();
        await host.StartBounded();
        MarketPublisher publisher = host.Services.GetRequiredService<MarketPublisher>();
        SymbolId aapl = publisher.Symbols.GetOrAdd("AAPL");

        await TestHosts.Bounded(() =>
        {
            for (int i = 0; i < n; i++)
            {
                publisher.Publish(TestHosts.Trade(aapl, timestampNs: i + 1, price: 100 + (i % 100)));
            }
        });
        await host.StopBounded();

        MarketPipelineReport report = host.Service().Report!;
        Assert.True(report.Drained);
        Assert.Equal(n, report.Published);
        Assert.Equal(s_stageNames, report.Stages.Select(s => s.Name));
        Assert.All(report.Stages, s => Assert.Equal((n, 0L), (s.Processed, s.Failed)));
        Assert.Contains($"Pipeline drained: all {n} published events went through every stage", string.Join('\n', host.Messages(LogLevel.Information)));
        Assert.Contains($"Stage strategy processed {n} events (0 failed)", host.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task Publish_FromFourThreadsOnMultiProducerRing_EveryStageProcessedTheSum()
    {
        const int perThread = 25_000;
        using IHost host = TestHosts.Build(o => o.ProducerType = ProducerType.Multi);
        await host.StartBounded();
        MarketPublisher publisher = host.Services.GetRequiredService<MarketPublisher>();
        SymbolId[] symbols = [.. Enumerable.Range(0, 4).Select(i => publisher.Symbols.GetOrAdd("S" + i))];

        // One symbol per thread, so each symbol's timestamps stay ordered (the filter rejects late prints).
        await TestHosts.Bounded(() => Parallel.For(0, 4, t =>
        {
            for (int i = 0; i < perThread; i++)
            {
                publisher.Publish(TestHosts.Trade(symbols[t], timestampNs: i + 1));
            }
        }));
        await host.StopBounded();

        MarketPipelineReport report = host.Service().Report!;
        Assert.True(report.Drained);
        Assert.All(report.Stages, s => Assert.Equal(4 * perThread, s.Processed));
        Assert.Equal(4 * perThread, host.Service().Pipeline.Filter.AcceptedCount);
    }

    [Fact]
    public async Task StopAsync_WithGeneratorInput_DrainsEveryGeneratedEvent()
    {
        using IHost host = TestHosts.Build(o =>
        {
            o.Input = InputKind.Generator;
            o.Generator.EventsPerSecond = 0;
        });
        await host.StartBounded();
        Assert.True(await TestHosts.Eventually(() => host.Service().InputPublished > 10_000));
        await host.StopBounded();

        MarketPipelineReport report = host.Service().Report!;
        Assert.True(report.Drained);
        Assert.Equal(host.Service().InputPublished, report.Published);
        Assert.All(report.Stages, s => Assert.Equal(report.Published, s.Processed));
        Assert.Contains(host.Messages(LogLevel.Information), m => m.StartsWith("Stopping: the Generator input published", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_TickInput_ReplaysTheFileThroughEveryStageAndStopsTheHost()
    {
        const int rows = 2_000;
        using TempTickCsv csv = WriteCsv(rows, badRow: -1);
        using IHost host = await RunTickFile(csv.Path);

        MarketPipelineReport report = host.Service().Report!;
        Assert.True(report.Drained);
        Assert.Equal(rows, report.Published);
        Assert.All(report.Stages, s => Assert.Equal(rows, s.Processed));
        Assert.Equal(rows, host.Service().Pipeline.Filter.AcceptedCount);
        Assert.Contains($"The Ticks input ended after {rows} events", host.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task Start_TickInputAtRecordedSpeed_TakesTheRecordedTime()
    {
        using TempTickCsv csv = WriteCsv(rows: 200, badRow: -1); // 1 ms apart: 199 ms of recorded time
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using IHost host = await RunTickFile(csv.Path, speed: 1);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(199), $"replayed in {clock.Elapsed}");
        Assert.All(host.Service().Report!.Stages, s => Assert.Equal(200, s.Processed));
    }

    [Fact]
    public async Task Start_TickFileWithBadRow_LogsTheErrorAndDrainsWhatWasPublished()
    {
        using TempTickCsv csv = WriteCsv(rows: 1_000, badRow: 600);
        using IHost host = await RunTickFile(csv.Path);

        MarketPipelineReport report = host.Service().Report!;
        Assert.True(report.Drained);
        Assert.InRange(report.Published, 599, 600);
        Assert.All(report.Stages, s => Assert.Equal(report.Published, s.Processed));
        Assert.Contains(host.Logs().GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.StartsWith("The Ticks input failed", StringComparison.Ordinal)
            && r.Exception is not null);
    }

    [Fact]
    public async Task Start_WarmupWithMoreAllowedSymbolsThanTheDefaultTable_BuildsLikeTheRealPipeline()
    {
        // 1,100 allowed symbols fit the configured 4,096 but not a default 1,024-symbol table.
        string[] allowed = [.. Enumerable.Range(0, 1_100).Select(i => "S" + i)];
        using IHost host = TestHosts.Build(o =>
        {
            o.WarmupEvents = 20_000;
            o.SymbolCapacity = 4_096;
            o.Filter.AllowedSymbols = allowed;
        });

        await host.StartBounded();

        Assert.Contains(host.Messages(LogLevel.Information), m => m.StartsWith("Warm-up: 20000 generated events", StringComparison.Ordinal));
        await host.StopBounded();
    }

    [Fact]
    public async Task Start_WithWarmup_LeavesTheRealPipelineUntouched()
    {
        using IHost host = TestHosts.Build(o =>
        {
            o.WarmupEvents = 20_000;
            o.Symbols = ["AAPL"];
        });
        await host.StartBounded();

        MarketPipelineService service = host.Service();
        Assert.All(service.Pipeline.Stages, s => Assert.Equal(0, s.ProcessedCount));
        Assert.Equal(1, service.Symbols.Count); // the generator's symbols went into the warm-up's own table
        Assert.Contains(host.Messages(LogLevel.Information), m => m.StartsWith("Warm-up: 20000 generated events", StringComparison.Ordinal));
        await host.StopBounded();
        Assert.Equal(0, service.Report!.Published);
    }

    [Fact]
    public async Task Start_WithWarmupAndOwnStage_TheWarmupNeverRunsTheStage()
    {
        var recorder = new StageRecorder();
        int built = 0;
        using IHost host = TestHosts.Build(o => o.WarmupEvents = 20_000, stages: b =>
        {
            built++;
            b.AfterStrategy(new RecordingStage(recorder), "audit");
        });
        await host.StartBounded();

        MarketPipelineService service = host.Service();
        Assert.Contains(host.Messages(LogLevel.Information), m => m.StartsWith("Warm-up: 20000 generated events", StringComparison.Ordinal));
        Assert.Equal(1, built); // for the real pipeline only
        Assert.Equal(0, service.Pipeline.Stages[^1].ProcessedCount);
        SymbolId aapl = service.Symbols.GetOrAdd("AAPL");
        await TestHosts.Bounded(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                service.Publisher.Publish(TestHosts.Trade(aapl, timestampNs: i + 1));
            }
        });
        await host.StopBounded();

        Assert.Equal([0L, 1L, 2L], recorder.Sequences); // the real events only, none of the warm-up's
        Assert.Equal(new StageReport("audit", 3, 0), service.Report!.Stages[^1]);
    }

    [Fact]
    public async Task Publish_SingleProducerRingWithBuiltInInput_ThrowsNamingProducerType()
    {
        using IHost host = TestHosts.Build(o =>
        {
            o.Input = InputKind.Generator;
            o.Generator.Events = 1;
        });
        MarketPublisher publisher = host.Services.GetRequiredService<MarketPublisher>();

        var ex = Assert.Throws<InvalidOperationException>(() => publisher.Publish(default));
        Assert.Contains("LowLatency:ProducerType to Multi", ex.Message);
        await host.StartBounded();

        // Stop only once the input's one event went through: stopping earlier cancels the input before it publishes.
        MarketPipeline pipeline = host.Services.GetRequiredService<MarketPipeline>();
        Assert.True(SpinWait.SpinUntil(() => pipeline.Stages[^1].ProcessedCount == 1, TestHosts.Timeout));
        await host.StopBounded();
        Assert.Equal(1, host.Service().Report!.Published);
    }

    /// <summary>A host whose ticks input replays <paramref name="path"/>, run until the input ends and stops it.</summary>
    private static async Task<IHost> RunTickFile(string path, double speed = 0)
    {
        IHost host = TestHosts.Build(o =>
        {
            o.Input = InputKind.Ticks;
            o.Ticks.Paths = [path];
            o.Ticks.Speed = speed;
            o.StopWhenInputEnds = true;
        });
        try
        {
            await host.StartBounded();
            await host.WaitForShutdownAsync(TestContext.Current.CancellationToken).WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="rows"/> trades 1 ms apart, AAPL and MSFT in turn, the price at <paramref name="badRow"/> unreadable.</summary>
    private static TempTickCsv WriteCsv(int rows, int badRow) =>
        TempTickCsv.Trades(rows, i => i % 2 == 0 ? "AAPL" : "MSFT",
            i => i == badRow ? "abc" : (100 + (i % 50)).ToString(CultureInfo.InvariantCulture), stepNs: 1_000_000);
}
