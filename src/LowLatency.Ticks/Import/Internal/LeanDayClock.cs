namespace LowLatency.Ticks.Import.Internal;

/// <summary>
/// Converts "nanoseconds since local midnight" of one fixed date in one time zone to UTC nanoseconds since the Unix epoch.
/// The zone rules are evaluated once, when the clock is made, so a row costs an add, a subtract and one compare.
/// </summary>
/// <remarks>
/// A day with a daylight-saving change has two offsets: rows before the change use the first, rows after it the second.
/// Local times that occur twice (the autumn hour) resolve to the earlier instant; local times skipped by the spring
/// change are shifted forward by the gap, like the lenient mapping LEAN applies. Recorded wall-clock data has no such
/// times, and equity sessions (04:00-20:00) never come near the 02:00 change.
/// </remarks>
internal readonly struct LeanDayClock
{
    public const long NanosecondsPerDay = 86_400_000_000_000;

    private const long NanosecondsPerTick = 100;

    // Local midnight written as if it were UTC, in ns since the Unix epoch.
    private readonly long _midnightNs;

    // Local minus UTC, before and after the day's offset change (equal on ordinary days).
    private readonly long _offsetBeforeNs;
    private readonly long _offsetAfterNs;

    // First UTC instant using _offsetAfterNs; long.MaxValue when the offset does not change during the day.
    private readonly long _changeUtcNs;

    private LeanDayClock(long midnightNs, long offsetBeforeNs, long offsetAfterNs, long changeUtcNs)
    {
        _midnightNs = midnightNs;
        _offsetBeforeNs = offsetBeforeNs;
        _offsetAfterNs = offsetAfterNs;
        _changeUtcNs = changeUtcNs;
    }

    public static LeanDayClock Create(DateOnly date, TimeZoneInfo zone)
    {
        DateTime midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        DateTime nextMidnight = midnight.AddDays(1);
        TimeSpan before = OffsetAtLocal(zone, midnight);
        TimeSpan after = OffsetAtLocal(zone, nextMidnight);
        long changeUtcNs = long.MaxValue;
        if (before != after)
        {
            // Bisect between two instants known to be on either side of the change, down to one tick.
            long lo = (midnight - before).Ticks;
            long hi = (nextMidnight - after).Ticks;
            while (hi - lo > 1)
            {
                long mid = lo + ((hi - lo) / 2);
                if (zone.GetUtcOffset(new DateTime(mid, DateTimeKind.Utc)) == before)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            changeUtcNs = ToUnixNs(hi);
        }

        return new LeanDayClock(ToUnixNs(midnight.Ticks), before.Ticks * NanosecondsPerTick, after.Ticks * NanosecondsPerTick, changeUtcNs);
    }

    /// <summary>UTC ns since the Unix epoch of the local time <paramref name="nsSinceMidnight"/> on the clock's date.</summary>
    public long ToUtcNs(long nsSinceMidnight)
    {
        long localNs = _midnightNs + nsSinceMidnight;
        long utcNs = localNs - _offsetBeforeNs;
        if (utcNs >= _changeUtcNs)
        {
            // Past the change under the old offset; the new offset applies unless that lands before the change
            // (a local time in the spring gap), which keeps the old-offset instant: a shift forward by the gap.
            long laterNs = localNs - _offsetAfterNs;
            if (laterNs >= _changeUtcNs)
            {
                utcNs = laterNs;
            }
        }

        return utcNs;
    }

    // The offset in force at a local wall-clock time: guess with the offset at that instant read as UTC, then correct once.
    private static TimeSpan OffsetAtLocal(TimeZoneInfo zone, DateTime localAsUtc)
    {
        TimeSpan guess = zone.GetUtcOffset(localAsUtc);
        return zone.GetUtcOffset(localAsUtc - guess);
    }

    private static long ToUnixNs(long ticks) => (ticks - DateTime.UnixEpoch.Ticks) * NanosecondsPerTick;
}
