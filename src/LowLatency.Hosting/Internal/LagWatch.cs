using System.Diagnostics;

namespace LowLatency.Hosting.Internal;

/// <summary>
/// Remembers since when the pipeline's lag has been above a threshold, from samples the host's monitor loop takes
/// every 100 ms, so the health check can tell a burst from a pipeline that stays behind.
/// </summary>
internal sealed class LagWatch(long maxLag)
{
    private long _aboveSinceTimestamp; // Stopwatch timestamp of the first sample above maxLag; 0 = not above

    public long MaxLag { get; } = maxLag;

    public void Sample(long lag, long nowTimestamp)
    {
        if (lag <= MaxLag)
        {
            Volatile.Write(ref _aboveSinceTimestamp, 0); // release: health checks on other threads read it
        }
        else if (Volatile.Read(ref _aboveSinceTimestamp) == 0) // only the monitor writes, so no race with itself
        {
            Volatile.Write(ref _aboveSinceTimestamp, nowTimestamp); // release: pairs with the read in AboveFor
        }
    }

    /// <summary>How long the lag has been above <see cref="MaxLag"/> in consecutive samples; zero when it is not.</summary>
    public TimeSpan AboveFor(long nowTimestamp)
    {
        long since = Volatile.Read(ref _aboveSinceTimestamp); // acquire: pairs with the writes in Sample
        return since == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(since, nowTimestamp);
    }
}
