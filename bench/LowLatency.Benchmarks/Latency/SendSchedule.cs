using LowLatency.Market;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// The producer's schedule. Paced: event i is due at start + i / rate, and <see cref="Next"/> returns that
/// <em>intended</em> time, never the actual one, so a producer that fell behind (descheduled, or blocked by a full
/// ring) does not hide the delay: the events it sends late carry their due time and the whole delay is recorded
/// (coordinated omission). No event is skipped; a stall is followed by a catch-up burst. Unpaced (rate 0): the
/// intended time is the moment the producer is ready to send the next event, before it claims a slot.
/// </summary>
internal struct SendSchedule
{
    // Sleep through gaps above 2 ms (Sleep(1) overshoots by tens of microseconds), yield through shorter ones, never
    // spin: on 2 cores a stage thread is often queued behind the producer on its core, and a spinning producer keeps
    // it off until the next scheduler tick (4 ms), which showed up as latencies spread evenly over 0-4 ms at 100 k and
    // 1 M events/s. A yield with nobody queued returns in well under a microsecond, so sends stay on time, and any
    // lateness is recorded anyway (the stamp is the due time).
    private const long SleepAboveNs = 2_000_000;

    private readonly long _endNs;
    private readonly double _nsPerEvent;
    private long _index;

    public SendSchedule(TimeSpan duration, long eventsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventsPerSecond);
        StartNs = MonotonicClock.NowNs();
        _endNs = StartNs + (long)(duration.TotalSeconds * 1e9);
        _nsPerEvent = eventsPerSecond == 0 ? 0 : 1e9 / eventsPerSecond;
    }

    /// <summary>When the phase started (the first event's due time), in <see cref="MonotonicClock"/> ns.</summary>
    public long StartNs { get; }

    /// <summary>Waits until the next event is due and returns its intended send time; false once the phase is over.</summary>
    public bool Next(out long intendedNs)
    {
        if (_nsPerEvent == 0)
        {
            intendedNs = MonotonicClock.NowNs();
            return intendedNs < _endNs;
        }

        intendedNs = StartNs + (long)(_index * _nsPerEvent);
        if (intendedNs >= _endNs)
        {
            return false;
        }

        _index++;
        WaitUntil(intendedNs);
        return true;
    }

    private static void WaitUntil(long dueNs)
    {
        long now;
        while ((now = MonotonicClock.NowNs()) < dueNs)
        {
            long gap = dueNs - now;
            if (gap > SleepAboveNs)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
