using System.Text;
using Confluent.Kafka;
using LowLatency.Hosting;
using LowLatency.Kafka.Hosting;
using LowLatency.Market;
using LowLatency.Market.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowLatency.Kafka.Tests.Hosting;

public sealed class KafkaTickBridgeServiceTests : IDisposable
{
    private const int TickCount = 2_000;

    private readonly MockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Host_ConsumesTopic_EveryStageProcessesEachTickAndStopCommitsEverything()
    {
        string ticks = MockCluster.NewTopic("ticks");
        KafkaHosts.PublishTicks(_cluster, ticks, TickCount, seed: 11);
        using IHost host = KafkaHosts.Build(_cluster.BootstrapServers,
            [new("LowLatency:Kafka:Topic", ticks), new("LowLatency:Kafka:GroupId", "host-1")]);
        MarketPipelineService pipeline = host.Services.GetRequiredService<MarketPipelineService>();
        Assert.Equal((HealthStatus.Unhealthy, "The Kafka bridge has not started."), await BridgeHealth(host));

        await host.StartBounded();
        Assert.True(await KafkaHosts.Eventually(() => pipeline.Pipeline.Stages[^1].ProcessedCount >= TickCount),
            "strategy processed " + pipeline.Pipeline.Stages[^1].ProcessedCount);
        Assert.Equal(HealthStatus.Healthy, (await BridgeHealth(host)).Status);
        // The bridge owns the single-producer ring: host code may not publish into it.
        var ex = Assert.Throws<InvalidOperationException>(() => pipeline.Publisher.Publish(default(MarketEvent)));
        Assert.Contains("LowLatency:Kafka", ex.Message, StringComparison.Ordinal);
        await host.StopBounded();
        Assert.Equal((HealthStatus.Unhealthy, "The Kafka bridge is not running."), await BridgeHealth(host));

        KafkaTickBridgeReport report = host.Services.GetRequiredService<KafkaTickBridgeService>().Report!;
        Assert.Equal((true, TickCount, TickCount, 0L), (report.Stopped, report.Consumed, report.Processed, report.BadMessages));
        Assert.True(report.Commits > 0);
        Assert.True(pipeline.Report!.Drained);
        Assert.All(pipeline.Report.Stages, s => Assert.Equal((TickCount, 0L), (s.Processed, s.Failed)));
        Assert.Contains($"Kafka bridge stopped: {TickCount} messages consumed, {TickCount} ticks through the strategy stage, 0 bad",
            string.Join('\n', host.Messages()), StringComparison.Ordinal);
        Assert.Contains(host.Messages(), m => m.StartsWith("Kafka bridge: assigned", StringComparison.Ordinal));
        Assert.Empty(KafkaHosts.ReadToEnd(_cluster, ticks, "host-1", Offset.Stored)); // the same group again: nothing left
    }

    [Fact]
    public async Task Host_UnreachableBrokers_LogsTheClientsErrorsAsWarnings()
    {
        using IHost host = KafkaHosts.Build("127.0.0.1:9", [new("LowLatency:Kafka:Topic", "ticks"), new("LowLatency:Kafka:GroupId", "host-3")]);

        await host.StartBounded();
        // The library writes nothing itself: the service hands the client's lines to ILogger.
        Assert.True(await KafkaHosts.Eventually(() => host.Services.GetFakeLogCollector().GetSnapshot().Any(r =>
                r.Level == LogLevel.Warning && r.Message.StartsWith("Kafka bridge: kafka: ", StringComparison.Ordinal))),
            string.Join('\n', host.Messages()));
        await host.StopBounded();
    }

    private static async Task<(HealthStatus Status, string? Description)> BridgeHealth(IHost host)
    {
        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        HealthReportEntry entry = report.Entries[KafkaTickBridgeHealthCheck.Name];
        return (entry.Status, entry.Description);
    }

    [Fact]
    public async Task Host_WithSignalsTopic_SignalsReachTheTopicAndHubSubscribersAlikeAndFillsTheNextSinks()
    {
        string ticks = MockCluster.NewTopic("ticks"), signals = MockCluster.NewTopic("signals");
        string fills = Path.Combine(Path.GetTempPath(), $"fills-{Guid.NewGuid():N}.csv");
        KafkaHosts.PublishTicks(_cluster, ticks, TickCount, seed: 12);
        try
        {
            using IHost host = KafkaHosts.Build(_cluster.BootstrapServers,
            [
                new("LowLatency:Kafka:Topic", ticks),
                new("LowLatency:Kafka:GroupId", "host-2"),
                new("LowLatency:Kafka:SignalsTopic", signals),
                new("LowLatency:FillsOut", fills),
            ]);
            MarketPipelineService pipeline = host.Services.GetRequiredService<MarketPipelineService>();
            long received = 0;
            using IDisposable subscription = pipeline.Signals.Subscribe(_ => Interlocked.Increment(ref received));

            await host.StartBounded();
            Assert.True(await KafkaHosts.Eventually(() => pipeline.Pipeline.Stages[^1].ProcessedCount >= TickCount),
                "strategy processed " + pipeline.Pipeline.Stages[^1].ProcessedCount);
            await host.StopBounded();

            TradingState trading = pipeline.Pipeline.Trading;
            long emitted = trading.Signals.TotalCount;
            Assert.True(emitted > 0);
            Assert.Equal((emitted, 0L), (Interlocked.Read(ref received), pipeline.Signals.Dropped));
            KafkaTickBridgeReport report = host.Services.GetRequiredService<KafkaTickBridgeService>().Report!;
            Assert.Equal((emitted, 0L, 0L), (report.SignalsDelivered, report.SignalsFailed, report.SignalsDropped));
            List<ConsumeResult<byte[], byte[]>> published = KafkaHosts.ReadToEnd(_cluster, signals, "reader", Offset.Beginning);
            Assert.Equal(emitted, published.Count);
            // The origin was read on the strategy thread while the tick was in flight.
            Assert.All(published, m => Assert.DoesNotContain("\"sourceOffset\":-1", Encoding.UTF8.GetString(m.Message.Value), StringComparison.Ordinal));
            // Reasons by the strategy's names, as many of each as the pipeline made.
            Assert.Equal(
                trading.Signals.Signals.ToArray().CountBy(s => pipeline.Pipeline.Reasons[s.Reason]).OrderBy(c => c.Key, StringComparer.Ordinal),
                published.CountBy(m => PublishedSignal.Parse(m.Message.Value).Reason).OrderBy(c => c.Key, StringComparer.Ordinal));
            // Fills are not published; the Kafka sink hands them on to the host's sinks (here the FillsOut file).
            Assert.True(trading.Fills.TotalCount > 0);
            Assert.Equal(trading.Fills.TotalCount, File.ReadAllLines(fills).Length - 1);
        }
        finally
        {
            File.Delete(fills);
        }
    }
}
