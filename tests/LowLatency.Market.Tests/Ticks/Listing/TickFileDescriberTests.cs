using LowLatency.Market.Tests.Support;
using LowLatency.Market.Tests.Ticks.Journal;
using LowLatency.Ticks;
using LowLatency.Ticks.Journal;
using LowLatency.Ticks.Listing;

namespace LowLatency.Market.Tests.Ticks.Listing;

public sealed class TickFileDescriberTests
{
    [Theory]
    [MemberData(nameof(JournalTestData.Compressions), MemberType = typeof(JournalTestData))]
    public void Describe_Journal_HeaderAndBlockHeadersGiveSymbolsCountAndSpan(JournalCompression compression)
    {
        using var journal = new TempJournal();
        MarketEvent[] written = JournalTestData.WriteClassic(journal.Path, count: 1_000, recordsPerBlock: 100, compression);

        TickFileInfo info = TickFileDescriber.Describe(journal.Path);

        Assert.Null(info.Problem);
        Assert.Equal(TickFormat.Journal, info.Format);
        Assert.Equal(["AAPL", "GOOGL", "MSFT"], info.Symbols);
        Assert.True(info.SymbolsComplete);
        Assert.Equal(1_000, info.EventCount);
        Assert.Equal(written[0].TimestampNs, info.FirstTimestampNs);
        Assert.Equal(written[^1].TimestampNs, info.LastTimestampNs);
        Assert.Equal(new FileInfo(journal.Path).Length, info.SizeBytes);
        Assert.Empty(info.Kinds); // records are not read without count
    }

    [Fact]
    public void Describe_TornJournal_ProblemWithoutThePathAndTheRecoveredCount()
    {
        using var journal = new TempJournal();
        MarketEvent[] written = JournalTestData.WriteClassic(journal.Path, count: 1_000, recordsPerBlock: 100);
        using (var file = new FileStream(journal.Path, FileMode.Open))
        {
            file.SetLength(file.Length - 10); // inside the last record: 99 of the last block's 100 stay complete
        }

        TickFileInfo info = TickFileDescriber.Describe(journal.Path);

        Assert.Equal(999, info.EventCount);
        Assert.Equal(written[998].TimestampNs, info.LastTimestampNs);
        Assert.NotNull(info.Problem);
        Assert.StartsWith("journal ends in a partial block", info.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Count_JournalReadInFullWithKinds()
    {
        using var journal = new TempJournal();
        MarketEvent[] written = JournalTestData.WriteClassic(journal.Path, count: 500);

        TickFileInfo info = TickFileDescriber.Describe(journal.Path, count: true);

        Assert.Null(info.Problem);
        Assert.Equal(500, info.EventCount);
        Assert.Equal(500, info.RowCount);
        Assert.Equal(written.Min(e => e.TimestampNs), info.FirstTimestampNs);
        Assert.Equal(written.Max(e => e.TimestampNs), info.LastTimestampNs);
        Assert.Equal(written.Select(e => e.Kind).Distinct().Order(), info.Kinds.Order());
    }

    [Fact]
    public void Describe_SharedLeanZip_PathAndZipDirectoryOnly()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131007_trade.zip");

        TickFileInfo info = TickFileDescriber.Describe(spy);

        Assert.Null(info.Problem);
        Assert.Equal(TickFormat.Lean, info.Format);
        Assert.Equal(["SPY"], info.Symbols);
        Assert.Equal([MarketEventKind.Trade], info.Kinds);
        Assert.Equal(new DateOnly(2013, 10, 7), info.Date);
        Assert.Equal("America/New_York", info.DataTimeZone);
        Assert.Null(info.EventCount);
        Assert.Null(info.FirstTimestampNs);
        Assert.StartsWith("not counted: 1 CSV entry", info.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SharedFuturesZip_OneSymbolPerExpiry()
    {
        string gc = SharedData.RequireTickFile("lean/future/comex/tick/gc/20131007_trade.zip");

        TickFileInfo info = TickFileDescriber.Describe(gc);

        Assert.Equal(10, info.Symbols.Count);
        Assert.Contains("GC201312", info.Symbols);
        Assert.StartsWith("not counted: 10 CSV entries", info.Note, StringComparison.Ordinal);
    }

    // The shared data README's rows; events = rows for trade files, trades + bookTicker for the captures.
    [Theory]
    [InlineData("lean/equity/usa/tick/aig/20131007_trade.zip", 25_351, 25_351)]
    [InlineData("lean/equity/usa/tick/spy/20131008_trade.zip", 451_545, 451_545)]
    [InlineData("lean/future/comex/tick/gc/20131007_trade.zip", 40_192, 40_192)]
    [InlineData("lean/forex/oanda/tick/eurusd/20140501_quote.zip", 24_179, 24_179)]
    [InlineData("hftbacktest/spot/btcusdt_20240808.gz", 41_249, 9_757 + 28_040)]
    [InlineData("hftbacktest/cm/btcusd_perp_20240808.gz", 48_270, 2_286 + 19_136)]
    [InlineData("nautilus/truefx/usdjpy-ticks.csv", 1_000, 1_000)]
    public void Describe_Count_SharedFilesMatchTheReadme(string file, long rows, long events)
    {
        string path = SharedData.RequireTickFile(file);

        TickFileInfo info = TickFileDescriber.Describe(path, count: true);

        Assert.Null(info.Problem);
        Assert.Equal(rows, info.RowCount);
        Assert.Equal(events, info.EventCount);
        Assert.True(info.SymbolsComplete);
    }

    [Fact]
    public void Describe_CountAig_FirstAndLastFromTheReadmeMilliseconds()
    {
        // 14400688 .. 71997520 ms after New York midnight, EDT (UTC-4) on 2013-10-07.
        string aig = SharedData.RequireTickFile("lean/equity/usa/tick/aig/20131007_trade.zip");

        TickFileInfo info = TickFileDescriber.Describe(aig, count: true);

        Assert.Equal(Ns(new DateTime(2013, 10, 7, 8, 0, 0, 688, DateTimeKind.Utc)), info.FirstTimestampNs);
        Assert.Equal(Ns(new DateTime(2013, 10, 7, 23, 59, 57, 520, DateTimeKind.Utc)), info.LastTimestampNs);
    }

    [Fact]
    public void Describe_SharedCapture_FirstEventOnlyUnlessCounted()
    {
        string capture = SharedData.RequireTickFile("hftbacktest/spot/btcusdt_20240808.gz");

        TickFileInfo info = TickFileDescriber.Describe(capture);

        Assert.Equal(TickFormat.Binance, info.Format);
        Assert.Null(info.EventCount);
        Assert.Null(info.LastTimestampNs);
        Assert.NotNull(info.FirstTimestampNs);
        Assert.False(info.SymbolsComplete);
        // The README: the capture starts at 2024-08-08 23:54:13Z (local clock); its first line may be a snapshot (not a tick).
        Assert.InRange(info.FirstTimestampNs!.Value, Ns(new DateTime(2024, 8, 8, 23, 54, 13, DateTimeKind.Utc)), Ns(new DateTime(2024, 8, 8, 23, 54, 15, DateTimeKind.Utc)));
    }

    [Fact]
    public void Describe_NotATickFile_ProblemNotException()
    {
        string path = Path.Combine(Path.GetTempPath(), "describe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, "hello\n");
        try
        {
            TickFileInfo info = TickFileDescriber.Describe(path);

            Assert.Equal(TickFormat.Auto, info.Format);
            Assert.StartsWith("cannot tell the format of this file", info.Problem, StringComparison.Ordinal);
            Assert.Equal(6, info.SizeBytes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Describe_MissingFile_ProblemFileNotFound()
    {
        TickFileInfo info = TickFileDescriber.Describe(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".lltj"));

        Assert.Equal("file not found", info.Problem);
    }

    [Fact]
    public void TryGetTimeBounds_LeanZip_HoldsEveryTickOfTheFile()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131007_trade.zip");
        TickFileInfo counted = TickFileDescriber.Describe(spy, count: true);

        Assert.True(TickFileDescriber.TryGetTimeBounds(spy, TickFormat.Auto, out long firstNs, out long lastNs));

        Assert.InRange(counted.FirstTimestampNs!.Value, firstNs, lastNs);
        Assert.InRange(counted.LastTimestampNs!.Value, firstNs, lastNs);
        Assert.True(lastNs - firstNs <= 26L * 3_600_000_000_000); // a day and an hour either side
    }

    [Fact]
    public void TryGetTimeBounds_NotLean_False()
    {
        string capture = SharedData.RequireTickFile("hftbacktest/spot/btcusdt_20240808.gz");

        Assert.False(TickFileDescriber.TryGetTimeBounds(capture, TickFormat.Auto, out _, out _));
    }

    private static long Ns(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
