namespace LowLatency.Market.Tests.Support;

/// <summary>Measures what a piece of steady-state code allocates on the calling thread.</summary>
internal static class Allocation
{
    /// <summary>
    /// Runs <paramref name="body"/> twice to warm up (tiered JIT, OSR, statics), then measures it up to three times with
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/> and returns the smallest delta. Per-event allocation shows up
    /// in every run; a one-off runtime allocation (tiering bookkeeping) cannot hide it.
    /// </summary>
    public static long Measure(Action body)
    {
        body();
        body();
        long smallest = long.MaxValue;
        for (int run = 0; run < 3 && smallest != 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            body();
            smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return smallest;
    }
}
