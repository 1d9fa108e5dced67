namespace LowLatency.Ticks.Replay;

/// <summary>What a replay did.</summary>
/// <param name="Published">Events published into the ring.</param>
/// <param name="NotSelected">Events read but left out by the time window or the symbol selection.</param>
/// <param name="Seconds">Wall time from the first publish until the strategy finished the last event.</param>
/// <param name="FirstTimestampNs">Recorded time of the first published event (0 if none).</param>
/// <param name="LastTimestampNs">Recorded time of the last published event (0 if none).</param>
/// <param name="AllocatedBytes">Bytes allocated on all threads while replaying.</param>
/// <param name="Drained">True when every stage processed every published event and the pipeline stopped cleanly.</param>
/// <param name="Error">The input error that stopped the replay early, if any (events before it were processed).</param>
/// <param name="Interrupted">True when the replay was cancelled (Ctrl+C, SIGTERM) before the input ended.</param>
/// <param name="OutsideRange">Of <paramref name="NotSelected"/>, the events outside the time window (<see cref="ReplayOptions.Window"/>).</param>
public readonly record struct ReplayReport(
    long Published,
    long NotSelected,
    double Seconds,
    long FirstTimestampNs,
    long LastTimestampNs,
    long AllocatedBytes,
    bool Drained,
    Exception? Error,
    bool Interrupted = false,
    long OutsideRange = 0)
{
    public double EventsPerSecond => Seconds > 0 ? Published / Seconds : 0;

    public double AllocatedBytesPerEvent => Published > 0 ? (double)AllocatedBytes / Published : 0;

    public TimeSpan RecordedSpan => TimeSpan.FromTicks((LastTimestampNs - FirstTimestampNs) / 100);
}
