using LowLatency.Market;
using static LowLatency.Kafka.Tests.BridgeTestKit;

namespace LowLatency.Kafka.Tests;

/// <summary>
/// Fault injection: the bridge is killed (no drain, no final commit) at seeded random moments while ticks keep
/// arriving, then restarted in the same group, several times. At least once means every published tick reaches the
/// strategy in some run; duplicates are allowed and counted.
/// </summary>
public sealed class KafkaTickBridgeKillRestartTests : IDisposable
{
    private const int Ticks = 30_000;
    private const int Kills = 6;
    private const int Batch = Ticks / Kills;

    private readonly MockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    [Trait("Category", "FaultInjection")]
    public void Bridge_KilledAndRestartedUnderLoad_EveryPublishedTickReachesTheStrategy()
    {
        string topic = MockCluster.NewTopic("ticks");
        int[] seen = new int[Ticks];
        TickIdCountingStrategy.Seen = seen;
        var random = new Random(13);
        string[] symbols = ["A", "B", "C", "D", "E", "F"];

        // Load: each run gets a batch published while it consumes, so every kill lands mid-stream.
        using var batchDue = new SemaphoreSlim(0);
        var publisherDone = new ManualResetEventSlim();
        long delivered = 0;
        var load = new Thread(() =>
        {
            var table = new SymbolTable(16);
            using var publisher = new KafkaTickPublisher(_cluster.Settings(), topic, table);
            for (int first = 0; first < Ticks && batchDue.Wait(Wait); first += Batch)
            {
                // Paced over about a second, so the kill (50..800 ms after the run's first tick) lands mid-stream.
                for (int i = 0; i < Batch; i += 10)
                {
                    PublishTrades(publisher, table, symbols, first + i, Math.Min(10, Batch - i));
                    publisher.Flush(TimeSpan.Zero);
                    Thread.Sleep(2);
                }
            }

            publisher.Flush(Wait);
            Interlocked.Exchange(ref delivered, publisher.Delivered);
            publisherDone.Set();
        })
        {
            IsBackground = true,
            Name = "load",
        };
        load.Start();

        var kills = new List<string>();
        for (int kill = 0; kill < Kills; kill++)
        {
            using MarketPipeline pipeline = NewPipeline();
            using var assigned = new ManualResetEventSlim();
            using var bridge = new KafkaTickBridge(_cluster.Settings(GroupProperties), Options(topic, "kill") with
            {
                CommitInterval = TimeSpan.FromMilliseconds(50),
                Log = line => { if (line.StartsWith("assigned", StringComparison.Ordinal)) assigned.Set(); },
            }, pipeline);
            pipeline.Start();
            bridge.Start();
            long start = Environment.TickCount64;
            if (kill == 0)
            {
                batchDue.Release(); // the first produce creates the topic: nothing is assigned before it
            }

            Assert.True(assigned.Wait(Wait, TestContext.Current.CancellationToken), $"kill {kill}: no partitions assigned");
            long joined = Environment.TickCount64 - start;
            if (kill > 0)
            {
                batchDue.Release(); // published while this run consumes
            }

            Assert.True(WaitUntil(() => bridge.Published > 0), $"kill {kill}: the bridge took no tick");
            Thread.Sleep(random.Next(50, 800)); // mid-stream: ticks in the ring, commits in flight
            bool pipelineFirst = random.Next(2) == 0;
            if (pipelineFirst)
            {
                pipeline.Halt(); // the stages die mid-batch: the bridge finds its pipeline gone and stops on that error
                Assert.True(bridge.Abort(Wait));
            }
            else
            {
                Assert.True(bridge.Abort(Wait)); // the bridge dies: nothing drained, nothing committed at the end
                pipeline.Halt();
            }

            // What the group has committed against what the strategy has seen so far: the gap is the duplicates to come.
            kills.Add($"{(pipelineFirst ? "pipeline" : "bridge")} killed after {bridge.Published:N0} ticks (joined in {joined} ms): " +
                $"committed {CommittedOffsets(_cluster, topic, "kill").Values.Sum():N0}, seen {seen.Sum(c => (long)c):N0}");
        }

        batchDue.Release(); // in case a batch is still due
        // The last run, stopped cleanly once the load is done and every tick has been seen.
        Assert.True(publisherDone.Wait(Wait, TestContext.Current.CancellationToken), "the publisher did not finish");
        Assert.Equal(Ticks, Interlocked.Read(ref delivered));
        using (MarketPipeline pipeline = NewPipeline())
        {
            using var bridge = new KafkaTickBridge(_cluster.Settings(GroupProperties), Options(topic, "kill"), pipeline);
            pipeline.Start();
            bridge.Start();
            Assert.True(WaitUntil(() => Array.TrueForAll(seen, c => c > 0), TimeSpan.FromSeconds(30)),
                $"{seen.Count(c => c == 0)} ticks never reached the strategy; kills: {string.Join("; ", kills)}");
            Assert.True(bridge.Stop(Wait));
            Assert.True(pipeline.Shutdown(Wait));
            Assert.Equal(0, bridge.BadMessages);
        }

        long seenTotal = seen.Sum(c => (long)c);
        int missing = seen.Count(c => c == 0);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"kill/restart: {Kills} kills ({string.Join("; ", kills)}), {Ticks:N0} ticks published, {Ticks - missing:N0} seen, " +
            $"{seenTotal:N0} deliveries to the strategy, {seenTotal - Ticks + missing:N0} duplicates, {missing} lost");
        Assert.Equal(0, missing);
        Assert.True(seenTotal >= Ticks);
    }

    private static KafkaTickBridgeOptions Options(string topic, string group) => new()
    {
        Topic = topic,
        GroupId = group,
        CommitInterval = TimeSpan.FromMilliseconds(100),
    };

    private static MarketPipeline NewPipeline() =>
        new MarketPipelineBuilder(new SymbolTable(16), new MarketPipelineOptions { RingSize = 1024 })
            .WithStrategy(new TickIdCountingStrategy()).Build();
}
