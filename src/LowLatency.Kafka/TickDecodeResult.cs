namespace LowLatency.Kafka;

/// <summary>What <see cref="TickCodec.Decode"/> made of a message: a tick, or why not.</summary>
public enum TickDecodeResult
{
    /// <summary>A tick.</summary>
    Ok,

    /// <summary>Not a tick in a known format: empty, unknown binary version, bad JSON, a missing or bad field.</summary>
    Undecodable,

    /// <summary>A JSON tick without a <c>"timestamp"</c>: it would land at the epoch and skew every time-based statistic.</summary>
    MissingTimestamp,

    /// <summary>A timestamp outside <see cref="TickCodec.EarliestTimestampNs"/>..<see cref="TickCodec.LatestTimestampNs"/> once
    /// read in the configured <see cref="JsonTimestampUnit"/>: most likely the wrong unit.</summary>
    TimestampOutOfRange,

    /// <summary>A valid tick whose symbol is new while the <see cref="Market.SymbolTable"/> is full. Not a bad message:
    /// it must not be skipped, so the consumer has to stop before it.</summary>
    SymbolTableFull,
}
