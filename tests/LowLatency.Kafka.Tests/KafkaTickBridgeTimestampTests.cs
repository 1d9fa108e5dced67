using System.Collections.Concurrent;
using System.Text;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using static LowLatency.Kafka.Tests.BridgeTestKit;

namespace LowLatency.Kafka.Tests;

/// <summary>JSON ticks read in the configured timestamp unit; implausible or missing timestamps dead-lettered with the
/// reason and counted by it.</summary>
public sealed class KafkaTickBridgeTimestampTests : IDisposable
{
    private readonly MockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void Bridge_JsonInMilliseconds_GoodTicksTakenBadOnesDeadLetteredAndCountedByReason()
    {
        string ticks = MockCluster.NewTopic("ticks"), dead = MockCluster.NewTopic("dead");
        Produce(_cluster, ticks,
            ("AAPL", """{"price":100,"size":1,"timestamp":1704205800000}"""),
            ("AAPL", """{"price":101,"size":1,"timestamp":1704205800001.5}"""),
            ("AAPL", """{"price":102,"size":1,"timestamp":"2024-01-02T14:30:00.002Z"}"""),
            ("AAPL", """{"price":103,"size":1}"""),                              // missing timestamp
            ("AAPL", """{"price":104,"size":1,"timestamp":null}"""),             // missing timestamp
            ("AAPL", """{"price":105,"size":1,"timestamp":1704205800000000000}"""), // ns sent to a ms bridge
            ("AAPL", """{"price":"x","size":1,"timestamp":1704205800000}"""));   // undecodable

        var processed = new ConcurrentDictionary<(int, long), int>();
        var log = new ConcurrentQueue<string>();
        using var pipeline = new MarketPipelineBuilder(new SymbolTable(4), new MarketPipelineOptions { RingSize = 1024 })
            .WithStrategy(StrategyDefinition.For<ThresholdStrategy>()).Build();
        using var bridge = new KafkaTickBridge(_cluster.Settings(GroupProperties), Options(ticks, "ts", processed) with
        {
            DeadLetterTopic = dead,
            TimestampUnit = JsonTimestampUnit.Milliseconds,
            Log = log.Enqueue,
        }, pipeline);
        pipeline.Start();
        bridge.Start();
        Assert.True(WaitUntil(() => processed.Count >= 3 && bridge.BadMessages >= 4), $"processed {processed.Count}, bad {bridge.BadMessages}");
        Assert.True(bridge.Stop(Wait));
        Assert.True(pipeline.Shutdown(Wait));

        Assert.Equal((7L, 3, 4L), (bridge.Consumed, processed.Count, bridge.BadMessages));
        Assert.Equal((1L, 2L, 1L, 0L), (bridge.BadMessagesOf(TickDecodeResult.Undecodable), bridge.BadMessagesOf(TickDecodeResult.MissingTimestamp),
            bridge.BadMessagesOf(TickDecodeResult.TimestampOutOfRange), bridge.BadMessagesOf(TickDecodeResult.SymbolTableFull)));
        // The three good ticks in 2024, to the nanosecond (none in 1970): the last trade is the ISO one.
        Assert.Equal(3, pipeline.Trading.TradeCount);
        Assert.Equal(FixedPoint.FromInt(102), pipeline.Trading.GetLastPrice(pipeline.Symbols.GetOrAdd("AAPL")));

        string[] reasons = [.. _cluster.ReadAll(dead, 4, Wait)
            .Select(m => Encoding.UTF8.GetString(m.Message.Headers.GetLastBytes("reason")) + " @" + Encoding.UTF8.GetString(m.Message.Headers.GetLastBytes("source-offset")))
            .Order(StringComparer.Ordinal)];
        Assert.Equal(
            ["missing timestamp @3", "missing timestamp @4", "timestamp out of range: not within 2000-01-01..2100-01-01 as Milliseconds @5", "undecodable @6"],
            reasons);
        Assert.Contains(log, line => line == $"bad message (missing timestamp): {ticks} [{processed.Keys.First().Item1}] @3");
        Assert.Equal(7, CommittedOffsets(_cluster, ticks, "ts").Values.Sum()); // committed past the dead-lettered ones
    }
}
