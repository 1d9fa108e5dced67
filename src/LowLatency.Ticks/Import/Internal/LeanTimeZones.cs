namespace LowLatency.Ticks.Import.Internal;

/// <summary>The data time zones LEAN files are written in that are not plain UTC, resolved once per process.</summary>
internal static class LeanTimeZones
{
    private static TimeZoneInfo? s_newYork;

    /// <summary>US equities: New York wall-clock time, daylight saving included (IANA id, from the system tz database).</summary>
    public static TimeZoneInfo NewYork => s_newYork ??= TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>FXCM forex: a fixed UTC-05:00 all year, with no daylight saving.</summary>
    public static TimeZoneInfo UtcMinus5 { get; } =
        TimeZoneInfo.CreateCustomTimeZone("UTC-05", TimeSpan.FromHours(-5), "UTC-05", "UTC-05");
}
