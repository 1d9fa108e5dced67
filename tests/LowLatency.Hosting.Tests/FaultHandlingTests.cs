using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Tests;

/// <summary>
/// A real stage failure: with SignalQueueFullMode Fail, a signal that finds the subscribers' queue full makes the
/// strategy stage throw. The host runs <see cref="EveryTradeStrategy"/>, so every trade makes one signal; a subscriber
/// that blocks on the first signal fills a queue of two deterministically: the blocked signal still holds its slot,
/// the second takes the other, every later one fails.
/// </summary>
public sealed class FaultHandlingTests
{
    [Fact]
    public async Task StrategyFails_LogAndContinue_EachFailureIsLoggedCountedAndTheStageGoesOn()
    {
        using IHost host = BuildFailingHost(ExceptionPolicy.LogAndContinue);
        using var failed = new MetricCollector<long>(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            MarketPipelineMetrics.MeterName, MarketPipelineMetrics.EventsFailed);
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        using var blocked = new BlockingSubscriber(service.Signals);
        SymbolId aapl = service.Symbols.GetOrAdd("AAPL");

        await TestHosts.Bounded(() => service.Publisher.Publish(TestHosts.Trade(aapl, 1)));
        Assert.True(blocked.Entered.Wait(TestHosts.Timeout, TestContext.Current.CancellationToken));
        await TestHosts.Bounded(() =>
        {
            for (int i = 2; i <= 6; i++)
            {
                service.Publisher.Publish(TestHosts.Trade(aapl, i));
            }
        });
        Assert.True(service.Pipeline.Drain(TestHosts.Timeout));

        IEventProcessor strategy = service.Pipeline.Stages[^1];
        Assert.Equal(4, strategy.FailureCount);
        Assert.Equal(6, strategy.ProcessedCount); // failed events count as processed under LogAndContinue
        failed.RecordObservableInstruments();
        Assert.Equal(4, failed.GetMeasurementSnapshot().Single(m => (string)m.Tags[MarketPipelineMetrics.StageTag]! == "strategy").Value);

        blocked.Release();
        await host.StopBounded();
        var errors = host.Logs().GetSnapshot().Where(r => r.Level == LogLevel.Error).ToList();
        Assert.Equal(4, errors.Count);
        Assert.All(errors, r => Assert.StartsWith("Stage strategy failed at sequence", r.Message, StringComparison.Ordinal));
        Assert.All(errors, r => Assert.Contains("Signal queue full (2 signals)", r.Exception!.Message));
        Assert.Equal([2L, 3L, 4L, 5L], errors.Select(r => long.Parse(r.StructuredState!.Single(kv => kv.Key == "Sequence").Value!, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.True(service.Report!.Drained);
        Assert.Equal(new StageReport("strategy", 6, 4), service.Report.Stages[^1]);
        Assert.Equal(2, service.Signals.Delivered);
    }

    [Fact]
    public async Task StrategyFails_Halt_PipelineHaltsHostStopsAndHealthIsUnhealthy()
    {
        using IHost host = BuildFailingHost(ExceptionPolicy.Halt);
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        using var blocked = new BlockingSubscriber(service.Signals);
        SymbolId aapl = service.Symbols.GetOrAdd("AAPL");
        IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await TestHosts.Bounded(() => service.Publisher.Publish(TestHosts.Trade(aapl, 1)));
        Assert.True(blocked.Entered.Wait(TestHosts.Timeout, TestContext.Current.CancellationToken));
        await TestHosts.Bounded(() =>
        {
            service.Publisher.Publish(TestHosts.Trade(aapl, 2));
            service.Publisher.Publish(TestHosts.Trade(aapl, 3));
        });

        Assert.True(await TestHosts.Eventually(() => service.Pipeline.State == PipelineState.Halted));
        Assert.True(await TestHosts.Eventually(() => lifetime.ApplicationStopping.IsCancellationRequested));
        Assert.Throws<PipelineHaltedException>(() => service.Publisher.Publish(TestHosts.Trade(aapl, 4)));
        HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.StartsWith("The pipeline halted: stage 'strategy' failed at sequence 2: Signal queue full",
            health.Entries[MarketPipelineHealthCheck.Name].Description, StringComparison.Ordinal);
        Assert.Equal(2, service.Pipeline.Stages[^1].ProcessedCount); // stopped just before the failed event

        blocked.Release();
        await host.StopBounded();
        Assert.Contains(host.Logs().GetSnapshot(), r => r.Level == LogLevel.Critical
            && r.Message == "Stage strategy failed at sequence 2; the pipeline halted (ExceptionPolicy Halt)");
        Assert.False(service.Report!.Drained);
        Assert.Contains(host.Messages(LogLevel.Error), m => m.StartsWith("Pipeline NOT drained", StringComparison.Ordinal));
    }

    private static IHost BuildFailingHost(ExceptionPolicy policy) => TestHosts.Build<EveryTradeStrategy>(o =>
    {
        o.ExceptionPolicy = policy;
        o.SignalQueueCapacity = 2;
        o.SignalQueueFullMode = SignalQueueFullMode.Fail;
    });

    /// <summary>Blocks the dispatch thread inside the first signal until released.</summary>
    private sealed class BlockingSubscriber : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly IDisposable _subscription;

        public BlockingSubscriber(SignalHub hub) => _subscription = hub.Subscribe(_ =>
        {
            Entered.Set();
            _release.Wait(TestHosts.Timeout);
        });

        public ManualResetEventSlim Entered { get; } = new();

        public void Release() => _release.Set();

        public void Dispose()
        {
            _release.Set();
            _subscription.Dispose();
            _release.Dispose();
            Entered.Dispose();
        }
    }
}
