using System.Collections.Concurrent;
using Confluent.Kafka;
using LowLatency.Market;

namespace LowLatency.Kafka.Tests;

/// <summary>What the bridge tests written for issue 13 share: bounded waits, options, trades with unique timestamps,
/// raw messages and the committed offsets of a group.</summary>
internal static class BridgeTestKit
{
    /// <summary>2024-01-02T14:30:00Z: the first trade's timestamp; trade i is i ns later, so the timestamp names it.</summary>
    public const long OpenNs = 1_704_205_800_000_000_000;

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    // Short session and heartbeat: the mock coordinator rebalances only as fast as members heartbeat.
    public static readonly Dictionary<string, string> GroupProperties = new()
    {
        ["session.timeout.ms"] = "6000",
        ["heartbeat.interval.ms"] = "200",
    };

    public static KafkaTickBridgeOptions Options(string topic, string group, ConcurrentDictionary<(int, long), int> processed) => new()
    {
        Topic = topic,
        GroupId = group,
        CommitInterval = TimeSpan.FromMilliseconds(100),
        Processed = (p, o) => processed.AddOrUpdate((p, o), 1, (_, c) => c + 1),
    };

    /// <summary>Trades <paramref name="first"/>..first+count-1 at price 100, size 1, on the symbols in turn, keyed by
    /// symbol; trade i has timestamp <see cref="OpenNs"/> + i.</summary>
    public static void PublishTrades(KafkaTickPublisher publisher, SymbolTable symbols, string[] names, long first, long count)
    {
        for (long i = first; i < first + count; i++)
        {
            SymbolId symbol = symbols.GetOrAdd(names[i % names.Length]);
            publisher.Publish(MarketEvent.Trade(symbol, FixedPoint.FromInt(100), FixedPoint.FromInt(1), OpenNs + i));
        }
    }

    public static void Produce(MockCluster cluster, string topic, params (string Key, string Value)[] messages)
    {
        using IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        foreach ((string key, string value) in messages)
        {
            producer.Produce(topic, new Message<byte[], byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(key), Value = System.Text.Encoding.UTF8.GetBytes(value) });
        }

        Assert.Equal(0, producer.Flush(Wait));
    }

    /// <summary>Next offset to consume per partition as committed by <paramref name="group"/> (0 when none).</summary>
    public static Dictionary<int, long> CommittedOffsets(MockCluster cluster, string topic, string group)
    {
        using IConsumer<byte[], byte[]> consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = group,
        }).Build();
        List<TopicPartitionOffset> offsets = consumer.Committed(
            Enumerable.Range(0, cluster.PartitionCount(topic)).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return offsets.ToDictionary(o => o.Partition.Value, o => o.Offset.Value < 0 ? 0 : o.Offset.Value);
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms; false if it is still false after <see cref="Wait"/>.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        long deadline = Environment.TickCount64 + (long)(timeout ?? Wait).TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }
}
