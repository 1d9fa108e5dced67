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

    /// <summary>
    /// Asserts that writing CSV rows allocates nothing once warmed up: <paramref name="writeRow"/> is called for rows
    /// 0 to 19 999 of each run (several buffer flushes), and each call must write one row.
    /// </summary>
    public static void AssertRowsAllocateNothing(CsvRowWriter writer, Action<int> writeRow)
    {
        long allocated = Measure(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                writeRow(i);
            }
        });

        Assert.Equal(0, allocated);
        Assert.InRange(writer.Rows, 60_000, 100_000); // two warm-up runs, then one to three measured ones
    }
}
