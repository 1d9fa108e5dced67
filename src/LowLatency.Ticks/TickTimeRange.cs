namespace LowLatency.Ticks;

/// <summary>
/// A half-open window of UTC time, [<see cref="FromNs"/>, <see cref="ToNs"/>), in nanoseconds since the Unix epoch; a
/// null end is open. <c>default</c> holds every tick.
/// </summary>
public readonly record struct TickTimeRange(long? FromNs, long? ToNs)
{
    /// <summary>True when neither end is set.</summary>
    public bool IsAll => FromNs is null && ToNs is null;

    /// <summary>True when <paramref name="timestampNs"/> is at or after the start and before the end.</summary>
    public bool Contains(long timestampNs) =>
        (FromNs is not { } from || timestampNs >= from) && (ToNs is not { } to || timestampNs < to);

    /// <summary>True when some instant of [<paramref name="firstNs"/>, <paramref name="lastNs"/>] (both inclusive) is inside.</summary>
    public bool Overlaps(long firstNs, long lastNs) =>
        (FromNs is not { } from || lastNs >= from) && (ToNs is not { } to || firstNs < to);
}
