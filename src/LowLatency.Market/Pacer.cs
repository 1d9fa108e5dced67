using System.Diagnostics;

namespace LowLatency.Market;

/// <summary>Waits for a scheduled send time: sleeps through long gaps, yields through short ones so the time stays
/// accurate. Never spins: on 2 cores a stage thread queued behind the producer would wait for the next scheduler tick
/// (<c>run --rate 100k --topology threaded</c>: p50 1.2 ms spinning, 6 µs yielding).</summary>
public static class Pacer
{
    // Gaps longer than this (2 ms) are slept through; Thread.Sleep(1) may oversleep by a millisecond or so.
    private static readonly long s_sleepAbove = Stopwatch.Frequency / 500;

    /// <summary>Returns when <see cref="Stopwatch.GetTimestamp"/> reaches <paramref name="due"/>; false if cancelled first.</summary>
    public static bool WaitUntil(long due, CancellationToken cancellation)
    {
        long now;
        while ((now = Stopwatch.GetTimestamp()) < due)
        {
            if (cancellation.IsCancellationRequested)
            {
                return false;
            }

            if (due - now > s_sleepAbove)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield(); // returns at once when nobody else wants this core
            }
        }

        return !cancellation.IsCancellationRequested;
    }
}
