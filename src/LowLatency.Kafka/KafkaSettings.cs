using Confluent.Kafka;

namespace LowLatency.Kafka;

/// <summary>
/// Where the cluster is and how to talk to it. <see cref="Properties"/> passes any librdkafka setting through
/// (security.protocol, sasl.*, ssl.*): values are never logged, since they may hold secrets.
/// </summary>
public sealed record KafkaSettings
{
    public required string BootstrapServers { get; init; }

    /// <summary>Extra librdkafka properties, applied last (so they win).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    internal T Apply<T>(T config)
        where T : ClientConfig
    {
        config.BootstrapServers = BootstrapServers;
        foreach (KeyValuePair<string, string> property in Properties)
        {
            config.Set(property.Key, property.Value);
        }

        return config;
    }
}
