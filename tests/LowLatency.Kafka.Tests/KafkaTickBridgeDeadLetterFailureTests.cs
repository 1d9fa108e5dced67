using System.Collections.Concurrent;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using static LowLatency.Kafka.Tests.BridgeTestKit;

namespace LowLatency.Kafka.Tests;

/// <summary>A bad message whose dead-letter copy is not confirmed is not committed past: the bridge stops before it,
/// so it is not lost.</summary>
public sealed class KafkaTickBridgeDeadLetterFailureTests : IDisposable
{
    private readonly MockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void Bridge_DeadLetterCopyNotConfirmed_StopsBeforeTheBadMessageUncommitted()
    {
        string ticks = MockCluster.NewTopic("ticks");
        Produce(_cluster, ticks,
            ("AAPL", """{"price":100,"size":1,"timestamp":1704205800000000000}"""),
            ("AAPL", "{\"price\":\"x\",\"pad\":\"" + new string('p', 4000) + "\"}"), // undecodable, and too big to copy
            ("AAPL", """{"price":102,"size":1,"timestamp":1704205800000000002}"""));

        var processed = new ConcurrentDictionary<(int, long), int>();
        var log = new ConcurrentQueue<string>();
        using var pipeline = new MarketPipelineBuilder(new SymbolTable(4), new MarketPipelineOptions { RingSize = 1024 })
            .WithStrategy(StrategyDefinition.For<ThresholdStrategy>()).Build();
        // The dead-letter producer refuses messages above 1,000 bytes, so the bad message's copy fails.
        var properties = new Dictionary<string, string>(GroupProperties) { ["message.max.bytes"] = "1000" };
        using var bridge = new KafkaTickBridge(_cluster.Settings(properties), Options(ticks, "dlq", processed) with
        {
            DeadLetterTopic = MockCluster.NewTopic("dead"),
            DrainTimeout = TimeSpan.FromSeconds(2),
            Log = log.Enqueue,
        }, pipeline);
        pipeline.Start();
        bridge.Start();
        Assert.True(WaitUntil(() => !bridge.IsRunning), $"the bridge kept running; processed {processed.Count}");
        Assert.True(bridge.Stop(Wait));
        Assert.True(pipeline.Shutdown(Wait));

        Assert.NotNull(bridge.Error);
        Assert.Matches(@"^dead-letter copy of \S+ \[\d+\] @1 to \S+ was not confirmed; consuming stopped before it", bridge.Error);
        Assert.Equal((0L, 0), Assert.Single(processed.Keys) is var (p, o) ? (o, 0) : default); // only the good tick before it
        Assert.Equal(1, CommittedOffsets(_cluster, ticks, "dlq").Values.Sum()); // committed up to the bad message, not past it
    }
}
