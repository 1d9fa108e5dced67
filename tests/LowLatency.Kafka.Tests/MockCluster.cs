using Confluent.Kafka;

namespace LowLatency.Kafka.Tests;

/// <summary>
/// librdkafka's built-in mock cluster: a client with <c>test.mock.num.brokers</c> starts brokers on loopback that speak
/// the real protocol; other clients reach them through the bootstrap list read from that client's metadata.
/// </summary>
internal sealed class MockCluster : IDisposable
{
    private readonly IAdminClient _admin;

    public MockCluster(int brokers = 3)
    {
        var config = new AdminClientConfig { BootstrapServers = "localhost:1" }; // replaced by the mock cluster's own list
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _admin = new AdminClientBuilder(config).Build();
        Metadata metadata = _admin.GetMetadata(TimeSpan.FromSeconds(10));
        BootstrapServers = string.Join(",", metadata.Brokers.Select(b => b.Host + ":" + b.Port));
    }

    public string BootstrapServers { get; }

    public KafkaSettings Settings(IReadOnlyDictionary<string, string>? properties = null) =>
        new() { BootstrapServers = BootstrapServers, Properties = properties ?? new Dictionary<string, string>() };

    /// <summary>A fresh topic name. The mock cluster does not answer CreateTopics here (times out), so topics are
    /// auto-created, with the mock's default partition count, by the first produce.</summary>
    public static string NewTopic(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public int PartitionCount(string topic) =>
        _admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count;

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

    public void Dispose() => _admin.Dispose();
}
