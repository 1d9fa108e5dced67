using LowLatency.Ticks.Replay;
using LowLatency.Market.Strategies;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Market.Tests.Support;

/// <summary>Replays a shared tick sample through a pipeline running a built-in strategy, as <c>lowlatency replay</c> does.</summary>
internal static class RecordedReplay
{
    /// <summary>Replays <paramref name="relativePath"/> (under the shared ticks; skips the test when absent) with the
    /// catalog's <paramref name="strategy"/> (the default when null) and its default parameters.</summary>
    public static MarketPipeline Run(string relativePath, string? strategy = null) =>
        Run(relativePath, new MarketPipelineOptions(), strategy, out _);

    /// <summary>As <see cref="Run(string, string?)"/>, with <paramref name="options"/> (ring of 4 096), the strategy's
    /// <paramref name="parameters"/> (defaults when null), <paramref name="setup"/>
    /// run on the built pipeline (to set a sink), each input source wrapped by <paramref name="wrap"/> and the replay
    /// cancellable by <paramref name="cancellation"/> (else by the test's token); asserts it drained.</summary>
    public static MarketPipeline Run(string relativePath, MarketPipelineOptions options, string? strategy, out ReplayReport report,
        Action<MarketPipeline>? setup = null, Func<ITickSource, ITickSource>? wrap = null, CancellationToken? cancellation = null,
        StrategyParameters? parameters = null)
    {
        string path = SharedData.RequireTickFile(relativePath);
        var symbols = new SymbolTable();
        StrategyCatalog catalog = StrategyCatalog.WithBuiltIns();
        MarketPipeline pipeline = new MarketPipelineBuilder(symbols, options with { RingSize = 1 << 12 })
            .WithStrategy(strategy is null ? catalog.Default : catalog.Get(strategy), parameters)
            .Build();
        setup?.Invoke(pipeline);
        using var input = new TickMerger([.. TickSources.Open(path, symbols, new TickReadOptions()).Select(s => wrap is null ? s : wrap(s))]);
        report = ReplayRun.Execute(pipeline, input, new ReplayOptions(), cancellation: cancellation ?? TestContext.Current.CancellationToken);
        Assert.True(report.Drained, report.Error?.ToString());
        Assert.Equal(report.Published, pipeline.Filter.ProcessedCount);
        return pipeline;
    }
}
