namespace LowLatency.Market.Tests.Support;

/// <summary>The CSV writers' steady-state check.</summary>
internal static class CsvRows
{
    /// <summary>
    /// Asserts that writing CSV rows allocates nothing once warmed up: <paramref name="writeRow"/> is called for rows
    /// 0 to 19 999 of each run (several buffer flushes), and each call must write one row.
    /// </summary>
    public static void AssertAllocateNothing(CsvRowWriter writer, Action<int> writeRow)
    {
        long allocated = AllocationProbe.Measure(() =>
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
