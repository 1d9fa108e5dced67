namespace LowLatency.Kafka;

/// <summary>What a <see cref="KafkaTickBridge"/> consumes and how it commits. Validated once, by the bridge.</summary>
public readonly record struct KafkaTickBridgeOptions
{
    public KafkaTickBridgeOptions()
    {
    }

    public required string Topic { get; init; }

    public required string GroupId { get; init; }

    /// <summary>Bad messages (undecodable, missing or implausible timestamp) are copied here (with source headers) when set; they are counted either way.</summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>How often processed offsets are committed; they are also committed on stop and on revoke.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Bound on waiting for in-flight ticks to finish (on revoke and on stop).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Partitions numbered at or above this are refused: being assigned one stops the bridge with an
    /// <see cref="KafkaTickBridge.Error"/> (per-partition state is preallocated).</summary>
    public int MaxPartitions { get; init; } = 256;

    /// <summary>Unit of numeric JSON <c>"timestamp"</c> values (binary ticks are always ns). Default Nanoseconds, the unit
    /// of this code base's own ticks. A timestamp outside 2000..2100 in this unit, or a JSON tick without one, is a bad
    /// message: counted by reason and dead-lettered, never taken as 1970.</summary>
    public JsonTimestampUnit TimestampUnit { get; init; } = JsonTimestampUnit.Nanoseconds;

    /// <summary>How the front end raises the pipeline's symbol capacity (a CLI option, a configuration key), named in the
    /// error the bridge stops with when a tick's symbol does not fit.</summary>
    public string SymbolCapacitySetting { get; init; } = "the SymbolTable capacity";

    /// <summary>Called on the bridge thread for each tick that became committable, with its partition and offset: the
    /// strategy stage has finished it and, with a <see cref="KafkaSignalSink"/>, its signals are acknowledged.</summary>
    public Action<int, long>? Processed { get; init; }

    /// <summary>Bad messages, commit failures, rebalances and the Kafka clients' own warnings and errors; never given
    /// configuration values. Without it they are dropped: the library writes nothing to the console.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Topic);
        ArgumentException.ThrowIfNullOrEmpty(GroupId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPartitions);
        if (!Enum.IsDefined(TimestampUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(TimestampUnit), TimestampUnit, "Not a JsonTimestampUnit.");
        }

        ArgumentException.ThrowIfNullOrEmpty(SymbolCapacitySetting);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CommitInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DrainTimeout, TimeSpan.Zero); // also refuses an infinite one (-1 ms)
    }
}
