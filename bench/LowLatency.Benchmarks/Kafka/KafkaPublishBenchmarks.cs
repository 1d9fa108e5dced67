using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Macro;
using LowLatency.Kafka;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Benchmarks.Kafka;

/// <summary>
/// Publish rate into librdkafka's in-process mock cluster (<see cref="MockKafkaCluster"/>, 3 brokers on loopback):
/// one <see cref="KafkaTickPublisher"/> (acks=all, idempotent, linger 5 ms) publishes <see cref="TicksPerInvoke"/>
/// generated ticks, then flushes; the invocation ends when the cluster has acknowledged every one (checked). Included:
/// generating each tick (a few ns), encoding it, the per-message value array and Confluent.Kafka message, librdkafka's
/// batching, the loopback round trips and the mock brokers' work, which runs in this process and shares its 2 cores.
/// Not included: connecting and creating the topic (GlobalSetup publishes a first batch). Every invocation appends
/// to the same topic. A mock broker is not a real one: no disk, no network, no replication (acks=all waits for no
/// follower), so this measures the client's cost and the protocol round trips on loopback, not a cluster's rate.
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class KafkaPublishBenchmarks
{
    /// <summary>Ticks per invocation.</summary>
    public const int TicksPerInvoke = 100_000;

    private MockKafkaCluster? _cluster;
    private KafkaTickPublisher? _publisher;
    private MarketEventGenerator? _generator;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = new MockKafkaCluster();
        var symbols = new SymbolTable();
        _generator = TickTopic.NewGenerator(symbols);
        _publisher = new KafkaTickPublisher(_cluster.Settings(), TickTopic.NewName("publish"), symbols);
        TickTopic.Publish(_publisher, _generator, count: 1_000); // connections up, topic created, producer id assigned
    }

    /// <summary>Publish + flush of <see cref="TicksPerInvoke"/> ticks, every one acknowledged.</summary>
    [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
    public void Publish() => TickTopic.Publish(_publisher!, _generator!, TicksPerInvoke);

    [GlobalCleanup]
    public void Cleanup()
    {
        _publisher?.Dispose();
        _cluster?.Dispose();
    }
}
