using System.Globalization;
using System.Runtime.InteropServices;
using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Market.Tests.Ticks.Import;

// Serial: the allocation test reads the thread's allocation counter.
[Collection(ZeroAllocationCollection.Name)]
public sealed class CsvTickSourceTests : IDisposable
{
    // 2013-01-01T22:00:00Z and 2024-02-29T12:34:56Z as Unix seconds.
    private const long TrueFxFirstSecond = 1_357_077_600;
    private const long LeapDaySecond = 1_709_210_096;

    private readonly string _directory = Directory.CreateTempSubdirectory("ll-csv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TryRead_TrueFxSample_Reads1000UsdJpyQuotes()
    {
        string path = SharedData.RequireTickFile("nautilus/truefx/usdjpy-ticks.csv");
        var symbols = new SymbolTable();
        using var source = CsvTickSource.Open(path, symbols, new TickReadOptions());
        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(1_000, events.Count);
        Assert.All(events, e => Assert.True(e.IsQuote && e.BidPrice > FixedPoint.Zero && e.AskPrice >= e.BidPrice));
        Assert.All(events, e => Assert.Equal("USDJPY", symbols.GetName(e.Symbol)));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.TimestampNs <= p.Second.TimestampNs));
        SymbolId usdjpy = symbols.GetOrAdd("USDJPY");
        Assert.Equal(
            MarketEvent.Quote(usdjpy, Fx.P(86.655m), FixedPoint.Zero, Fx.P(86.728m), FixedPoint.Zero, (TrueFxFirstSecond * 1_000_000_000) + 295_000_000),
            events[0]);
        Assert.Equal(1_000, source.RowsRead);
        Assert.Equal(0, source.SkippedRows);
    }

    [Fact]
    public void TryRead_TardisSample_Reads10TradesWithMicrosecondTimestamps()
    {
        string path = SharedData.RequireTickFile("nautilus/tardis/bitmex_trades_XBTUSD.csv");
        var symbols = new SymbolTable();
        using var source = CsvTickSource.Open(path, symbols, new TickReadOptions());
        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(10, events.Count);
        Assert.All(events, e => Assert.True(e.IsTrade));
        SymbolId xbt = symbols.GetOrAdd("XBTUSD");
        Assert.Equal(1, symbols.Count);
        Assert.Equal(MarketEvent.Trade(xbt, Fx.P(8531.5m), Fx.P(2152m), 1_583_020_803_145_000_000), events[0]);
        Assert.Equal(MarketEvent.Trade(xbt, Fx.P(8531.5m), Fx.P(1m), 1_583_020_803_276_000_000), events[^1]);
        Assert.Equal(2_161m, events.Sum(e => e.Size.ToDecimal()));
    }

    [Theory]
    [InlineData("2024-02-29T12:34:56Z", 0)]
    [InlineData("2024-02-29 12:34:56", 0)]
    [InlineData("2024-02-29t12:34:56z", 0)]
    [InlineData("2024-02-29T12:34:56.1Z", 100_000_000)]
    [InlineData("2024-02-29T12:34:56.123456789Z", 123_456_789)]
    [InlineData("2024-02-29T12:34:56.000000001+00:00", 1)]
    [InlineData("2024-02-29 14:34:56.295000+02:00", 295_000_000)]
    [InlineData("2024-02-29T14:34:56.5+0200", 500_000_000)]
    [InlineData("2024-02-29T14:34:56+02", 0)]
    [InlineData("2024-02-29T07:04:56.999999999-05:30", 999_999_999)]
    [InlineData("2024-02-29T01:04:56-11:30", 0)]
    [InlineData("2024-03-01T00:34:56+12:00", 0)]
    public void TryRead_IsoTimestamp_ExactNanosecondsInUtc(string timestamp, long fractionNs)
    {
        string path = WriteCsv("iso.csv", "time,price,size", timestamp + ",1,1");

        MarketEvent e = ReadSingle(path, new TickReadOptions());

        Assert.Equal((LeapDaySecond * 1_000_000_000) + fractionNs, e.TimestampNs);
    }

    [Theory]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2024-02-29T24:00:00Z")]
    [InlineData("2024-02-29T12:34:56.1234567891Z")]
    [InlineData("2024-02-29T12:34:56.Z")]
    [InlineData("2024-02-29T12:34:56+2")]
    [InlineData("2024-02-29T12:34")]
    [InlineData("2300-01-01T00:00:00Z")]
    public void TryRead_InvalidIsoTimestamp_ThrowsWithColumnAndText(string timestamp)
    {
        string path = WriteCsv("bad-iso.csv", "timestamp,price", "2024-02-29T12:34:56Z,1", timestamp + ",1");

        TickFormatException ex = ReadError(path, goodRows: 1);

        Assert.Equal(
            path + ":3: column 'timestamp': '" + timestamp + "' is not an ISO-8601 time (yyyy-MM-dd HH:mm:ss[.fffffffff][Z|+hh:mm])",
            ex.Message);
    }

    [Theory]
    [InlineData("1709210096", TimestampUnit.Auto, 1_709_210_096_000_000_000)]
    [InlineData("1709210096.5", TimestampUnit.Auto, 1_709_210_096_500_000_000)]
    [InlineData("1709210096123", TimestampUnit.Auto, 1_709_210_096_123_000_000)]
    [InlineData("1709210096123456", TimestampUnit.Auto, 1_709_210_096_123_456_000)]
    [InlineData("1709210096123456789", TimestampUnit.Auto, 1_709_210_096_123_456_789)]
    [InlineData("100000000000", TimestampUnit.Auto, 100_000_000_000_000_000)]  // 1e11: guessed as ms (1973-03-03)
    [InlineData("9000000000", TimestampUnit.Auto, 9_000_000_000_000_000_000)]  // seconds (2255)
    [InlineData("1709210096", TimestampUnit.Milliseconds, 1_709_210_096_000_000)]
    [InlineData("1709210096.123456", TimestampUnit.Milliseconds, 1_709_210_096_123_456)]
    [InlineData("1709210096123456789", TimestampUnit.Nanoseconds, 1_709_210_096_123_456_789)]
    [InlineData("2024-02-29T12:34:56Z", TimestampUnit.Iso8601, 1_709_210_096_000_000_000)]
    public void TryRead_EpochOrExplicitUnit_ConvertsExactly(string timestamp, TimestampUnit unit, long expectedNs)
    {
        string path = WriteCsv("epoch.csv", "ts,price", timestamp + ",1");

        MarketEvent e = ReadSingle(path, new TickReadOptions { TimestampUnit = unit });

        Assert.Equal(expectedNs, e.TimestampNs);
    }

    [Fact]
    public void TryRead_UnitGuessedFromFirstRow_AppliesToLaterRows()
    {
        string path = WriteCsv("guess.csv", "ts,price", "1709210096123,1", "1709210097,1");
        using var source = CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(1_709_210_096_123_000_000, events[0].TimestampNs);
        Assert.Equal(1_709_210_097_000_000, events[1].TimestampNs); // still milliseconds
    }

    [Fact]
    public void TryRead_ColumnOverrides_UseTheNamedColumns()
    {
        string path = WriteCsv(
            "over.csv",
            "When,Venue,Ccy,Px,Qty,B,BQ,A,AQ,price",
            "1709210096,X,EURUSD,1.1,2,,,,,999",
            "1709210097,X,EURUSD,,,1.05,3,1.06,4,999");
        var options = new TickReadOptions
        {
            TimestampColumn = "when",
            SymbolColumn = "ccy",
            PriceColumn = "PX",
            SizeColumn = "qty",
            BidColumn = "b",
            AskColumn = "a",
            BidSizeColumn = "bq",
            AskSizeColumn = "aq",
        };
        var symbols = new SymbolTable();
        using var source = CsvTickSource.Open(path, symbols, options);
        List<MarketEvent> events = TickReads.ReadAll(source);

        SymbolId eurusd = symbols.GetOrAdd("EURUSD");
        Assert.Equal(MarketEvent.Trade(eurusd, Fx.P(1.1m), Fx.P(2m), 1_709_210_096_000_000_000), events[0]);
        Assert.Equal(MarketEvent.Quote(eurusd, Fx.P(1.05m), Fx.P(3m), Fx.P(1.06m), Fx.P(4m), 1_709_210_097_000_000_000), events[1]);
    }

    [Fact]
    public void TryRead_UsualNamesAnyCaseSemicolonsAndQuotes_MapsTradesAndQuotes()
    {
        string path = WriteCsv(
            "mixed.csv",
            "Time;Ticker;Last;Volume;Bid_Price;BidSize;Ask_Price;AskSize",
            "2024-02-29T12:34:56Z;\"AAPL\";180.5;100;;;;",
            "2024-02-29T12:34:57Z;MSFT; ; ;400.1;5;400.2;6",
            "",
            "2024-02-29T12:34:58Z;AAPL;180.25;;;;;");
        var symbols = new SymbolTable();
        using var source = CsvTickSource.Open(path, symbols, new TickReadOptions());
        List<MarketEvent> events = TickReads.ReadAll(source);

        long t0 = LeapDaySecond * 1_000_000_000;
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        SymbolId msft = symbols.GetOrAdd("MSFT");
        Assert.Equal(
            new[]
            {
                MarketEvent.Trade(aapl, Fx.P(180.5m), Fx.P(100m), t0),
                MarketEvent.Quote(msft, Fx.P(400.1m), Fx.P(5m), Fx.P(400.2m), Fx.P(6m), t0 + 1_000_000_000),
                MarketEvent.Trade(aapl, Fx.P(180.25m), FixedPoint.Zero, t0 + 2_000_000_000),
            },
            events);
        Assert.Equal(3, source.RowsRead);
    }

    [Theory]
    [InlineData("usdjpy-ticks.csv", null, "USDJPY")]
    [InlineData("eurUsd2024_01.csv", null, "EURUSD2024")]
    [InlineData("usdjpy-ticks.csv", "JPY=X", "JPY=X")]
    public void TryRead_NoSymbolColumn_UsesOptionElseFileName(string fileName, string? symbol, string expected)
    {
        string path = WriteCsv(fileName, "timestamp,bid,ask", "1709210096,1,2");
        var symbols = new SymbolTable();

        MarketEvent e = ReadSingle(path, new TickReadOptions { Symbol = symbol }, symbols);

        Assert.Equal(expected, symbols.GetName(e.Symbol));
    }

    [Fact]
    public void TryRead_DuplicateHeaderNames_FirstMatchWins()
    {
        string path = WriteCsv("dup.csv", "timestamp,price,Price,id,id", "1709210096,1.5,2.5,a,b");

        MarketEvent e = ReadSingle(path, new TickReadOptions());

        Assert.Equal(Fx.P(1.5m), e.Price);
    }

    [Fact]
    public void Open_NoSymbolAnywhere_ThrowsAskingForTheOption()
    {
        string path = WriteCsv("-ticks.csv", "timestamp,bid,ask", "1709210096,1,2");

        var ex = Assert.Throws<TickFormatException>(() => CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(path + ": has no symbol column and no symbol can be derived from the file name; set the symbol option", ex.Message);
    }

    [Fact]
    public void Open_OverrideColumnMissing_ThrowsNamingTheHeader()
    {
        string path = WriteCsv("o.csv", "timestamp,price", "1,1");

        var ex = Assert.Throws<TickFormatException>(
            () => CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions { PriceColumn = "px" }));

        Assert.Equal(path + ":1: column 'px': is not in the header 'timestamp,price'", ex.Message);
    }

    [Theory]
    [InlineData("when,price", "no timestamp column in the header 'when,price' (looked for timestamp, time, ts, datetime; set the timestamp column option)")]
    [InlineData("time,bid", "no price column and no bid and ask columns in the header 'time,bid' (looked for price, last, last_price, bid, bid_price, bidprice, ask, ask_price, askprice; set the column options)")]
    public void Open_RequiredColumnMissing_ThrowsExactMessage(string header, string expected)
    {
        string path = WriteCsv("m.csv", header, "1,1");

        var ex = Assert.Throws<TickFormatException>(() => CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions { Symbol = "X" }));

        Assert.Equal(path + ":1: " + expected, ex.Message);
    }

    [Fact]
    public void Open_EmptyOrMissingFile_ThrowsOneLine()
    {
        string empty = WriteCsv("empty.csv");
        string missing = Path.Combine(_directory, "missing.csv");

        var emptyEx = Assert.Throws<TickFormatException>(() => CsvTickSource.Open(empty, new SymbolTable(), new TickReadOptions()));
        var missingEx = Assert.Throws<TickFormatException>(() => CsvTickSource.Open(missing, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(empty + ": is empty (expected a CSV header row)", emptyEx.Message);
        Assert.Equal(missing + ": file not found", missingEx.Message);
    }

    // A timestamp finer than a nanosecond, one that is neither time nor number, and a quoted field spanning lines
    // (reported on one line).
    [Theory]
    [InlineData("ts,price", "1709210096.1234567891,1", "column 'ts': '1709210096.1234567891' is not an epoch number in the file's unit")]
    [InlineData("timestamp,price", "n/a,1", "column 'timestamp': 'n/a' is neither an ISO-8601 time nor an epoch number")]
    [InlineData("timestamp,price", "1709210096,\"1\n2\"", "column 'price': '1\\n2' is not a decimal number")]
    public void TryRead_BadFirstRow_ThrowsExactMessage(string header, string row, string expected)
    {
        string path = WriteCsv("first.csv", header, row);

        TickFormatException ex = ReadError(path);

        Assert.Equal(path + ":2: " + expected, ex.Message);
    }

    [Theory]
    [InlineData("1709210096,X,12.3.4,1", "column 'price': '12.3.4' is not a decimal number")]
    [InlineData("1709210096,X,1,abc", "column 'size': 'abc' is not a decimal number")]
    [InlineData("1709210096,X,1.123456789,1", "column 'price': '1.123456789' is not a decimal number")]
    [InlineData("1709210096,,1,1", "column 'symbol': '' is empty")]
    [InlineData("1709210096,X", "'1709210096,X' has 2 fields, fewer than the header's 4")]
    [InlineData("1709210096,X,1", "'1709210096,X,1' has 3 fields, fewer than the header's 4")]
    [InlineData("1709210096,X,1,1,9", "'1709210096,X,1,1,9' has 5 fields, more than the header's 4")]
    [InlineData("1709210096,X,,1", "'1709210096,X,,1' has neither a price nor a bid and an ask")]
    [InlineData("hello,X,1,1", "column 'timestamp': 'hello' is not an epoch number in the file's unit")]
    public void TryRead_MalformedRow_ThrowsExactMessage(string row, string expected)
    {
        string path = WriteCsv("bad.csv", "timestamp,symbol,price,size", "1709210096,X,1,1", row);

        TickFormatException ex = ReadError(path, goodRows: 1);

        Assert.Equal(path + ":3: " + expected, ex.Message);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void TryRead_SkipBadRows_CountsSkippedAndReadsTheRest()
    {
        string path = WriteCsv(
            "skip.csv",
            "timestamp,price,size",
            "bad,1,1",
            "1709210096,1,1",
            "1709210097,x,1",
            "1709210098",
            "1709210099,2,2");
        using var source = CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions { SkipBadRows = true, Symbol = "X" });

        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(new long[] { 1_709_210_096_000_000_000, 1_709_210_099_000_000_000 }, events.Select(e => e.TimestampNs));
        Assert.Equal(5, source.RowsRead);
        Assert.Equal(3, source.SkippedRows);
        Assert.Equal(0, source.IgnoredRows);
    }

    [Fact]
    public void TryRead_SkipBadRows_CountsEachReason()
    {
        string path = WriteCsv(
            "reasons.csv",
            "timestamp,price,size",
            "1709210096,1,1,7", // a shifted row: extra field
            "1709210097,1,1",
            "1709210098,x,1",
            "1709210099,2,2,8,9",
            "1709210100,2",
            "1709210101,3,3");
        using var source = CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions { SkipBadRows = true, Symbol = "X" });

        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(2, events.Count);
        Assert.Equal(4, source.SkippedRows);
        Assert.Equal("4 (extra fields 2, bad price 1, missing fields 1)", source.Losses.DescribeSkipped());
        Assert.Empty(source.Losses.Damage);
        Assert.False(source.Losses.IsComplete);
    }

    [Fact]
    public void TryRead_FileEndsInsideARow_KeepsTheRowAndReportsPossibleCut()
    {
        string path = Path.Combine(_directory, "cut.csv");
        File.WriteAllText(path, "timestamp,price,size\n1709210096,1,1\n1709210097,2,2"); // cut in the last field?
        using var source = CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions { Symbol = "X" });

        List<MarketEvent> events = TickReads.ReadAll(source);
        Assert.False(source.TryRead(ref CollectionsMarshal.AsSpan(events)[0])); // reported once, not per call

        Assert.Equal(2, events.Count);
        Assert.Equal(0, source.SkippedRows);
        string damage = Assert.Single(source.Losses.Damage);
        Assert.Equal(path + ":3: the file ends inside this row (no line break after it): the file may be cut short", damage);
    }

    [Fact]
    public void TryRead_FileEndsWithLineBreak_IsComplete()
    {
        string path = WriteCsv("whole.csv", "timestamp,price,size", "1709210096,1,1");
        using var source = CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions { Symbol = "X" });

        Assert.Single(TickReads.ReadAll(source));

        Assert.True(source.Losses.IsComplete);
    }

    [Fact]
    public void TryRead_SteadyState_AllocatesNothingPerRow()
    {
        // Tardis-like rows plus bid/ask columns: trades and quotes of two symbols in turn.
        var lines = new string[200_001];
        lines[0] = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount,bid,ask";
        for (int i = 0; i < 200_000; i++)
        {
            lines[i + 1] = string.Create(
                CultureInfo.InvariantCulture,
                $"bitmex,{((i % 3) == 0 ? "XBTUSD" : "ETHUSD")},{1583020803145000 + i},1583020803307160,ccc3c1fa-212c,sell,{((i % 2) == 0 ? "8531.5,2152,," : ",,8531.5,8532")}");
        }

        string path = WriteCsv("alloc.csv", lines);
        using var source = CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();
        long events = Read(source, ref e, 20_000); // warm-up: first symbol sight, buffers, tiered JIT

        long allocated = AllocationProbe.Measure(() => events += Read(source, ref e, 30_000));

        Assert.Equal(0, allocated);
        Assert.Equal(0, (events - 20_000) % 30_000); // every measured run read its full 30,000 rows
        Assert.Equal(0, source.SkippedRows);
    }

    private static int Read(ITickSource source, ref MarketEvent e, int count)
    {
        int read = 0;
        while (read < count && source.TryRead(ref e))
        {
            read++;
        }

        return read;
    }

    /// <summary>Opens <paramref name="path"/> with the default options, reads <paramref name="goodRows"/> rows, and
    /// returns what the next read throws.</summary>
    private static TickFormatException ReadError(string path, int goodRows = 0)
    {
        using var source = CsvTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();
        for (int i = 0; i < goodRows; i++)
        {
            Assert.True(source.TryRead(ref e));
        }

        return Assert.Throws<TickFormatException>(() => source.TryRead(ref e));
    }

    private static MarketEvent ReadSingle(string path, TickReadOptions options, SymbolTable? symbols = null)
    {
        using var source = CsvTickSource.Open(path, symbols ?? new SymbolTable(), options);
        List<MarketEvent> events = TickReads.ReadAll(source);
        return Assert.Single(events);
    }

    private string WriteCsv(string name, params string[] lines)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, lines.Length == 0 ? "" : string.Join('\n', lines) + "\n");
        return path;
    }
}
