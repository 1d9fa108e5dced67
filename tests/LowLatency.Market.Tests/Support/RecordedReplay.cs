using LowLatency.Market.Replay;
using LowLatency.Market.Strategies;
using LowLatency.Market.Ticks;
using LowLatency.Market.Ticks.Import;

namespace LowLatency.Market.Tests.Support;

/// <summary>Replays a shared tick sample through a pipeline running a built-in strategy, as <c>lowlatency replay</c> does.</summary>
internal static class RecordedReplay
{
    /// <summary>Replays <paramref name="relativePath"/> (under the shared ticks; skips the test when absent) with the
    /// catalog's <paramref name="strategy"/> (the default when null) and its default parameters.</summary>
    public static MarketPipeline Run(string relativePath, string? strategy = null)
    {
        string path = SharedData.RequireTickFile(relativePath);
        var symbols = new SymbolTable();
        StrategyCatalog catalog = StrategyCatalog.WithBuiltIns();
        MarketPipeline pipeline = new MarketPipelineBuilder(symbols, new MarketPipelineOptions { RingSize = 1 << 12 })
            .WithStrategy(strategy is null ? catalog.Default : catalog.Get(strategy))
            .Build();
        using var input = new TickMerger(TickSources.Open(path, symbols, new TickReadOptions()));
        ReplayReport report = ReplayRun.Execute(pipeline, input, new ReplayOptions(), cancellation: TestContext.Current.CancellationToken);
        Assert.True(report.Drained, report.Error?.ToString());
        Assert.Equal(report.Published, pipeline.Filter.ProcessedCount);
        return pipeline;
    }
}
