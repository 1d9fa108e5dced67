using System.Globalization;
using System.Text;
using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Market.Tests.Ticks.Import;

[Collection(ZeroAllocationCollection.Name)]
public sealed class LeanTickSourceAllocationTests : IDisposable
{
    private const int WarmupRows = 10_000;

    private readonly LeanTestZip _zips = new();

    public void Dispose() => _zips.Dispose();

    [Fact]
    public void TryRead_SpySample_AllocatesNothingPerRow()
    {
        string path = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");

        (long rows, long allocated) = MeasureSteadyState(path, new TickReadOptions());

        Assert.Equal(451_545, rows);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryRead_SyntheticQuotesWithSkippedRows_AllocatesNothingPerRow()
    {
        // One-sided equity quotes (the BBO path) with a malformed row every 1,000 (the skip path).
        var csv = new StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            string ms = (14_400_000 + (i / 4)).ToString(CultureInfo.InvariantCulture);
            string price = (1_390_000 + (i % 50 * 100)).ToString(CultureInfo.InvariantCulture);
            csv.Append(ms).Append(i % 1000 == 999 ? ",bad" : i % 2 == 0 ? "," + price + ",100,0,0" : ",0,0," + price + ",200").Append(",P,1,0\n");
        }

        string path = _zips.Write("equity/usa/tick/bac/20131007_quote.zip", csv.ToString());

        (long rows, long allocated) = MeasureSteadyState(path, new TickReadOptions { SkipBadRows = true });

        Assert.Equal(200_000 - 200 - 1, rows); // 200 skipped, 1 before the book had both sides
        Assert.Equal(0, allocated);
    }

    // Each run opens the file and reads its first rows unmeasured (opening allocates), then measures the rest to the end.
    private static (long Rows, long Allocated) MeasureSteadyState(string path, TickReadOptions options)
    {
        long rows = 0;
        var e = new MarketEvent();
        long allocated = AllocationProbe.Measure(
            () =>
            {
                ITickSource source = Assert.Single(LeanTickSource.Open(path, new SymbolTable(), options));
                rows = 0;
                while (rows < WarmupRows && source.TryRead(ref e))
                {
                    rows++;
                }

                return source;
            },
            source =>
            {
                while (source.TryRead(ref e))
                {
                    rows++;
                }
            });
        return (rows, allocated);
    }
}
