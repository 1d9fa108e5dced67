namespace LowLatency.Kafka;

/// <summary>
/// What a numeric <c>"timestamp"</c> of a JSON tick counts since the Unix epoch. Producers differ (Java and JavaScript
/// write milliseconds, Python seconds), and the number alone cannot tell them apart reliably, so the bridge is told.
/// ISO-8601 strings carry their own unit; binary ticks are always nanoseconds.
/// </summary>
public enum JsonTimestampUnit
{
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
}
