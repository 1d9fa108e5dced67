using System.Globalization;
using Confluent.Kafka;

namespace LowLatency.Kafka;

/// <summary>
/// A Kafka cluster inside this process, for development, tests and benchmarks where no broker can be installed:
/// librdkafka's built-in mock cluster (<c>test.mock.num.brokers</c>) starts brokers on loopback that speak the real
/// protocol, so any client, in this process or another, reaches them through <see cref="BootstrapServers"/>. Topics
/// are auto-created by the first produce or subscribe. The brokers live as long as this object.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IAdminClient _admin;

    /// <summary>Starts <paramref name="brokers"/> mock brokers; <paramref name="log"/> receives their client's warnings
    /// and errors (dropped without it).</summary>
    public MockKafkaCluster(int brokers = 3, Action<string>? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(brokers);
        var config = new AdminClientConfig { BootstrapServers = "localhost:1" }; // ignored: the mock cluster brings its own
        config.Set("test.mock.num.brokers", brokers.ToString(CultureInfo.InvariantCulture));
        var clientLog = new KafkaClientLog(log, settings: null);
        _admin = new AdminClientBuilder(config)
            .SetLogHandler((_, message) => clientLog.OnLog(message)) // drops the "mock cluster enabled" notice
            .Build();
        try
        {
            Metadata metadata = _admin.GetMetadata(TimeSpan.FromSeconds(10));
            BootstrapServers = string.Join(",", metadata.Brokers.Select(b => b.Host + ":" + b.Port.ToString(CultureInfo.InvariantCulture)));
        }
        catch
        {
            _admin.Dispose();
            throw;
        }
    }

    /// <summary>The brokers' loopback addresses, as a <c>bootstrap.servers</c> list.</summary>
    public string BootstrapServers { get; }

    public KafkaSettings Settings(IReadOnlyDictionary<string, string>? properties = null) =>
        new() { BootstrapServers = BootstrapServers, Properties = properties ?? new Dictionary<string, string>() };

    /// <summary>Partitions of <paramref name="topic"/>, from the cluster's metadata.</summary>
    public int PartitionCount(string topic, TimeSpan timeout) =>
        _admin.GetMetadata(topic, timeout).Topics.Single().Partitions.Count;

    public void Dispose() => _admin.Dispose();
}
