namespace LowLatency.Engine.Tests.Support;

/// <summary>Every wait in the suite is bounded by one of these, so a broken engine fails a test instead of hanging it.</summary>
internal static class Timeouts
{
    /// <summary>Upper bound for anything that should happen: generous, a 2-core CI box can be slow.</summary>
    public static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    /// <summary>How long we watch for something that must NOT happen (a blocked claim completing).</summary>
    public static readonly TimeSpan Absence = TimeSpan.FromMilliseconds(200);
}
