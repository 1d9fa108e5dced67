namespace LowLatency.Kafka.Hosting;

/// <summary>
/// The Kafka tick bridge of a hosted pipeline, bound from the <see cref="SectionName"/> configuration section and
/// validated once when the host starts. A class with setters because that is what the configuration binder fills.
/// </summary>
public sealed class KafkaBridgeHostOptions
{
    /// <summary>Inside the pipeline's own section: the validator names pipeline keys relative to its parent.</summary>
    public const string SectionName = "LowLatency:Kafka";

    /// <summary>The cluster's bootstrap.servers list, e.g. "kafka1:9092,kafka2:9092".</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>The tick topic consumed into the ring.</summary>
    public string? Topic { get; set; }

    /// <summary>The consumer group; processed offsets are committed under it.</summary>
    public string? GroupId { get; set; }

    /// <summary>Strategy signals are published here too (with the tick's partition and offset) when set.</summary>
    public string? SignalsTopic { get; set; }

    /// <summary>Bad messages are copied here (with source headers and the reason) when set; they are counted by reason either way.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>Unit of numeric JSON timestamps: Nanoseconds (the default), Microseconds, Milliseconds or Seconds. A JSON tick
    /// without a timestamp, or with one outside 2000..2100 in this unit, is a bad message.</summary>
    public JsonTimestampUnit TimestampUnit { get; set; } = JsonTimestampUnit.Nanoseconds;

    /// <summary>How often processed offsets are committed; they are also committed on stop and on revoke.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Bound on letting in-flight ticks finish at stop (and on revoke), and on flushing queued signals.
    /// Keep it below HostOptions.ShutdownTimeout (30 s by default).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra librdkafka properties (security.protocol, sasl.*, ssl.*), applied last. Values are never logged.</summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    internal KafkaSettings ToSettings() => new()
    {
        BootstrapServers = BootstrapServers!,
        Properties = new Dictionary<string, string>(Properties, StringComparer.Ordinal), // a copy: later edits cannot reach the clients
    };

    /// <summary>The bridge's options; <paramref name="symbolCapacityKey"/> is the pipeline's key the bridge names when its
    /// symbol table fills.</summary>
    internal KafkaTickBridgeOptions ToBridgeOptions(Action<string> log, string symbolCapacityKey) => new()
    {
        Topic = Topic!,
        GroupId = GroupId!,
        DeadLetterTopic = string.IsNullOrEmpty(DeadLetterTopic) ? null : DeadLetterTopic,
        CommitInterval = CommitInterval,
        DrainTimeout = DrainTimeout,
        TimestampUnit = TimestampUnit,
        SymbolCapacitySetting = symbolCapacityKey,
        Log = log,
    };

    /// <summary>The signals topic, or null when signals stay in the host (an empty value counts as unset).</summary>
    internal string? SignalsTopicOrNull => string.IsNullOrEmpty(SignalsTopic) ? null : SignalsTopic;
}
