using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using static LowLatency.Kafka.Tests.BridgeTestKit;

namespace LowLatency.Kafka.Tests;

/// <summary>A full symbol table must never lose a tick: the bridge stops before it, uncommitted, and a restart with a
/// larger capacity gets everything.</summary>
public sealed partial class KafkaTickBridgeSymbolCapacityTests : IDisposable
{
    private readonly MockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void Bridge_NewSymbolBeyondCapacity_StopsBeforeItUncommittedAndARestartWithMoreCapacityGetsEveryTick()
    {
        const int n = 400;
        string ticks = MockCluster.NewTopic("ticks"), dead = MockCluster.NewTopic("dead");
        var source = new SymbolTable(16);
        using (var publisher = new KafkaTickPublisher(_cluster.Settings(), ticks, source))
        {
            PublishTrades(publisher, source, ["S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7"], 0, n);
            Assert.True(publisher.Flush(Wait));
        }

        // Capacity 4 for 8 symbols: the bridge must stop at the first tick of a fifth symbol (which one depends on the
        // order partitions are consumed in).
        var first = new ConcurrentDictionary<(int, long), int>();
        var log = new ConcurrentQueue<string>();
        string? error;
        long firstBad;
        using (var pipeline = NewPipeline(4))
        {
            using var bridge = new KafkaTickBridge(_cluster.Settings(GroupProperties), Options(ticks, "cap", first) with
            {
                DeadLetterTopic = dead,
                SymbolCapacitySetting = "--symbol-capacity",
                Log = log.Enqueue,
            }, pipeline);
            pipeline.Start();
            bridge.Start();
            Assert.True(WaitUntil(() => !bridge.IsRunning), "the bridge kept running; bad messages " + bridge.BadMessages);
            Assert.True(bridge.Stop(Wait));
            Assert.True(pipeline.Shutdown(Wait));
            error = bridge.Error;
            firstBad = bridge.BadMessages;
        }

        Match match = FullTableError().Match(error ?? "(no error)");
        Assert.True(match.Success, error);
        Assert.Equal(ticks, match.Groups["topic"].Value);
        Assert.Equal(0, firstBad); // not a bad message: nothing dead-lettered, nothing skipped
        Assert.DoesNotContain(log, line => line.StartsWith("bad message", StringComparison.Ordinal));
        Assert.Contains("kafka bridge stopped on error: " + error, log);

        // Committed only past what was processed: below each partition's commit, every offset went through the
        // strategy; the refused tick's own partition is committed no further than that tick.
        Dictionary<int, long> committed = CommittedOffsets(_cluster, ticks, "cap");
        foreach ((int partition, long next) in committed)
        {
            for (long offset = 0; offset < next; offset++)
            {
                Assert.True(first.ContainsKey((partition, offset)), $"[{partition}] @{offset} committed but never processed");
            }
        }

        int refusedPartition = int.Parse(match.Groups["partition"].Value, System.Globalization.CultureInfo.InvariantCulture);
        long refusedOffset = long.Parse(match.Groups["offset"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(committed[refusedPartition], 0, refusedOffset);
        Assert.False(first.ContainsKey((refusedPartition, refusedOffset)));

        // The restart with room for every symbol resumes at the refused tick: every tick arrives.
        var second = new ConcurrentDictionary<(int, long), int>();
        using (var pipeline = NewPipeline(8))
        {
            using var bridge = new KafkaTickBridge(_cluster.Settings(GroupProperties), Options(ticks, "cap", second), pipeline);
            pipeline.Start();
            bridge.Start();
            Assert.True(WaitUntil(() => first.Keys.Union(second.Keys).Count() >= n), "processed " + first.Keys.Union(second.Keys).Count());
            Assert.True(bridge.Stop(Wait));
            Assert.Null(bridge.Error);
            Assert.Equal(0, bridge.BadMessages);
        }

        HashSet<(int, long)> all = [.. _cluster.ReadAll(ticks, n, Wait).Select(m => (m.Partition.Value, m.Offset.Value))];
        Assert.Equal(n, all.Count);
        Assert.True(all.SetEquals(first.Keys.Union(second.Keys)));
        Assert.Empty(first.Keys.Intersect(second.Keys)); // a clean stop committed everything the first run processed
    }

    private static MarketPipeline NewPipeline(int symbolCapacity) =>
        new MarketPipelineBuilder(new SymbolTable(symbolCapacity), new MarketPipelineOptions { RingSize = 1024 })
            .WithStrategy(StrategyDefinition.For<ThresholdStrategy>()).Build();

    [GeneratedRegex(@"^symbol table full: (?<topic>\S+) \[(?<partition>\d+)\] @(?<offset>\d+) \(key 'S[0-7]'\) brings a new symbol beyond the capacity of 4; consuming stopped before it, and neither it nor anything after it is committed\. Raise --symbol-capacity \(e\.g\. to 8\) and restart: consuming resumes at this tick\.$")]
    private static partial Regex FullTableError();
}
