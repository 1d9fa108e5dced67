using Confluent.Kafka;

namespace LowLatency.Kafka.Tests;

/// <summary>Test helpers around <see cref="MockKafkaCluster"/>: fresh topic names and reading a topic back.</summary>
internal sealed class MockCluster : IDisposable
{
    private readonly MockKafkaCluster _cluster = new();

    public string BootstrapServers => _cluster.BootstrapServers;

    public KafkaSettings Settings(IReadOnlyDictionary<string, string>? properties = null) => _cluster.Settings(properties);

    /// <summary>A fresh topic name. The mock cluster does not answer CreateTopics here (times out), so topics are
    /// auto-created, with the mock's default partition count, by the first produce.</summary>
    public static string NewTopic(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public int PartitionCount(string topic) => _cluster.PartitionCount(topic, TimeSpan.FromSeconds(10));

    /// <summary>Reads every message now on <paramref name="topic"/> (bounded by <paramref name="timeout"/>).</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadAll(string topic, int expected, TimeSpan timeout)
    {
        using IConsumer<byte[], byte[]> consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var results = new List<ConsumeResult<byte[], byte[]>>();
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (results.Count < expected && Environment.TickCount64 < deadline)
        {
            ConsumeResult<byte[], byte[]>? result = consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result is not null && !result.IsPartitionEOF)
            {
                results.Add(result);
            }
        }

        // A short grace period catches anything beyond the expected count (exact-count assertions).
        long grace = Environment.TickCount64 + 300;
        while (Environment.TickCount64 < grace)
        {
            ConsumeResult<byte[], byte[]>? result = consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result is not null && !result.IsPartitionEOF)
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }

    public void Dispose() => _cluster.Dispose();
}
