using System.Globalization;
using System.IO.Compression;
using System.Text;
using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Market.Tests.Ticks.Import;

// Serial: the allocation test reads the thread's allocation counter and the shared samples are large.
[Collection(ZeroAllocationCollection.Name)]
public sealed class BinanceCaptureTickSourceTests : IDisposable
{
    private const string Trade =
        """{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}}""";

    private const string BookTicker =
        """{"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}}""";

    private const string Depth =
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":1,"u":2,"b":[["61737.63000000","0.00000000"]],"a":[]}}""";

    private const string Snapshot = """{"lastUpdateId":50093239218,"bids":[["61837.63000000","3.78826000"]],"asks":[]}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("ll-binance-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("hftbacktest/spot/btcusdt_20240808.gz", "BTCUSDT", 41_249, 9_757, 28_040, 3_451,
        "2024-08-08T23:54:13Z", 346, "61583.22", "61860.80", "212.03315", "61707.6816")]
    [InlineData("hftbacktest/cm/btcusd_perp_20240808.gz", "BTCUSD_PERP", 48_270, 2_286, 19_136, 26_847,
        "2024-08-08T23:54:16Z", 344, "61610.0", "61845.0", "83241", "61685.6157")]
    public void TryRead_SharedSample_MatchesDataReadme(
        string file, string symbol, long lines, int trades, int bookTickers, int depth, string firstSecondUtc, int spanSeconds,
        string minPrice, string maxPrice, string quantity, string vwap)
    {
        string path = SharedData.RequireTickFile(file);
        var symbols = new SymbolTable();
        using var source = BinanceCaptureTickSource.Open(path, symbols, new TickReadOptions());

        var e = new MarketEvent();
        int tradeCount = 0, quoteCount = 0;
        long first = 0, last = 0;
        decimal notional = 0, volume = 0;
        FixedPoint low = FixedPoint.MaxValue, high = FixedPoint.MinValue;
        bool ordered = true;
        while (source.TryRead(ref e))
        {
            first = first == 0 ? e.TimestampNs : first;
            ordered &= e.TimestampNs >= last;
            last = e.TimestampNs;
            Assert.Equal(symbol, symbols.GetName(e.Symbol));
            if (e.IsTrade)
            {
                tradeCount++;
                notional += e.Price.ToDecimal() * e.Size.ToDecimal();
                volume += e.Size.ToDecimal();
                low = e.Price < low ? e.Price : low;
                high = e.Price > high ? e.Price : high;
            }
            else
            {
                Assert.True(e.IsQuote);
                quoteCount++;
            }
        }

        Assert.Equal(lines, source.RowsRead);
        Assert.Equal(trades, tradeCount);
        Assert.Equal(bookTickers, quoteCount);
        Assert.Equal(depth + 1, source.IgnoredRows); // the depth updates and the one REST snapshot line
        Assert.Equal(0, source.SkippedRows);
        Assert.Null(source.Truncation);
        Assert.Equal(1, symbols.Count);
        Assert.True(ordered);

        // The README's span is over every line (depth included); each tick carries its line's local timestamp.
        (long firstLine, long lastLine) = LocalTimestampRange(path);
        Assert.Equal(DateTimeOffset.Parse(firstSecondUtc, CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeSeconds(firstLine / 1_000_000_000));
        Assert.Equal(spanSeconds, (int)Math.Round((lastLine - firstLine) / 1e9));
        Assert.InRange(first, firstLine, lastLine);
        Assert.InRange(last, first, lastLine);
        Assert.Equal(decimal.Parse(minPrice, CultureInfo.InvariantCulture), low.ToDecimal());
        Assert.Equal(decimal.Parse(maxPrice, CultureInfo.InvariantCulture), high.ToDecimal());
        Assert.Equal(decimal.Parse(quantity, CultureInfo.InvariantCulture), volume);
        Assert.Equal(decimal.Parse(vwap, CultureInfo.InvariantCulture), Math.Round(notional / volume, 4));
    }

    [Fact]
    public void TryRead_TradeAndBookTicker_FillsEventsWithLocalTimestamp()
    {
        string path = WriteGzip("a.gz", "1723161254087891268 " + BookTicker, "1723161254087896568 " + Trade);
        var symbols = new SymbolTable();
        using var source = BinanceCaptureTickSource.Open(path, symbols, new TickReadOptions());
        var e = new MarketEvent { RollingVwap = FixedPoint.FromInt(7), IngestTimestampNs = 99, FilterReason = FilterReason.StaleTimestamp };

        Assert.True(source.TryRead(ref e));
        SymbolId btc = symbols.GetOrAdd("BTCUSDT");
        Assert.Equal(
            MarketEvent.Quote(btc, Fx.P(61837.63m), Fx.P(3.78826m), Fx.P(61837.64m), Fx.P(1.54698m), 1723161254087891268),
            e);
        Assert.True(source.TryRead(ref e));
        Assert.Equal(MarketEvent.Trade(btc, Fx.P(61837.63m), Fx.P(0.02m), 1723161254087896568), e);
        Assert.False(source.TryRead(ref e));
        Assert.Equal(2, source.RowsRead);
        Assert.Equal(0, source.IgnoredRows);
    }

    [Fact]
    public void TryRead_DataBeforeStreamAndNumericPrices_ParsesTrade()
    {
        string path = WriteGzip("b.gz", """5 {"data":{"s":"ETHUSDT","q":1.5,"p":"2500.1"},"stream":"ethusdt@trade"}""");
        var symbols = new SymbolTable();
        using var source = BinanceCaptureTickSource.Open(path, symbols, new TickReadOptions());
        var e = new MarketEvent();

        Assert.True(source.TryRead(ref e));

        Assert.Equal(MarketEvent.Trade(symbols.GetOrAdd("ETHUSDT"), Fx.P(2500.1m), Fx.P(1.5m), 5), e);
    }

    [Fact]
    public void TryRead_DepthSnapshotAndOtherStreams_CountedAsIgnored()
    {
        string path = WriteGzip(
            "c.gz",
            "1 " + Depth,
            "2 " + Snapshot,
            """3 {"stream":"btcusdt@aggTrade","data":{"s":"BTCUSDT","p":"1","q":"1"}}""",
            "",
            "4 " + Trade);
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();

        Assert.True(source.TryRead(ref e));
        Assert.Equal(4, e.TimestampNs);
        Assert.False(source.TryRead(ref e));
        Assert.Equal(4, source.RowsRead); // the blank line is not a row
        Assert.Equal(3, source.IgnoredRows);
    }

    [Fact]
    public void TryRead_BadPrice_ThrowsWithLineColumnAndText()
    {
        string path = WriteGzip("d.gz", "1 " + Trade, "2 " + Trade.Replace("61837.63000000", "61837.6x", StringComparison.Ordinal));
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();
        Assert.True(source.TryRead(ref e));

        var ex = Assert.Throws<TickFormatException>(() => source.TryRead(ref e));

        Assert.Equal(path + ":2: column 'p': '61837.6x' is not a decimal number", ex.Message);
        Assert.Equal(2, ex.Line);
        Assert.Equal("p", ex.Column);
        Assert.Equal("61837.6x", ex.OffendingText);
    }

    [Fact]
    public void TryRead_MalformedJson_ThrowsNotValidJson()
    {
        const string line = """7 {"stream":"btcusdt@trade","data":{"s":"BTCUSDT","p":"1" "q":"2"}}""";
        string path = WriteGzip("e.gz", line);
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();

        var ex = Assert.Throws<TickFormatException>(() => source.TryRead(ref e));

        Assert.Equal(path + ":1: '" + line + "' is not valid JSON", ex.Message);
    }

    [Theory]
    [InlineData("""1 {"stream":"x@trade","data":{"s":"X","p":"1"}}""", "column 'q': is missing")]
    [InlineData("""1 {"stream":"x@bookTicker","data":{"s":"X","b":"1","B":"1","a":"2"}}""", "column 'A': is missing")]
    [InlineData("""1 {"stream":"x@trade","data":{"p":"1","q":"1"}}""", "column 's': is missing")]
    [InlineData("""1 {"stream":"x@trade"}""", "column 'data': is missing")]
    [InlineData("""1 {"stream":"x@trade","data":[1]}""", "column 'data': '[' is not a JSON object")]
    [InlineData("""1 {"stream":"x@bookTicker","data":{"s":"X","b":"1","B":"-","a":"2","A":"1"}}""", "column 'B': '-' is not a decimal number")]
    [InlineData("""1 {"stream":"x@trade","data":{"s":"X","p":"1e5","q":"1"}}""", "column 'p': '1e5' is not a decimal number")]
    [InlineData("""1 {"stream":"x@trade","data":{"s":"X","p":"1","q":"1"}} trailing""", """'1 {"stream":"x@trade","data":{"s":"X","p":"1","q":"1"}} trailing' is not valid JSON""")]
    [InlineData("""x1 {"stream":"x@trade"}""", """'x1 {"stream":"x@trade"}' does not start with a local receive timestamp in nanoseconds and a space""")]
    [InlineData("""99999999999999999999 {}""", """'99999999999999999999 {}' does not start with a local receive timestamp in nanoseconds and a space""")]
    public void TryRead_MalformedMessage_ThrowsExactMessage(string line, string expected)
    {
        string path = WriteGzip("f.gz", line);
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();

        var ex = Assert.Throws<TickFormatException>(() => source.TryRead(ref e));

        Assert.Equal(path + ":1: " + expected, ex.Message);
    }

    [Fact]
    public void TryRead_SkipBadRows_CountsSkippedAndReadsTheRest()
    {
        string path = WriteGzip(
            "g.gz",
            "1 " + Trade,
            "2 {not json",
            "3 " + BookTicker,
            "4 " + Trade.Replace("\"q\":\"0.02000000\",", "", StringComparison.Ordinal),
            "5 " + Depth,
            "6 " + Trade);
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions { SkipBadRows = true });
        var e = new MarketEvent();
        var timestamps = new List<long>();

        while (source.TryRead(ref e))
        {
            timestamps.Add(e.TimestampNs);
        }

        Assert.Equal(new long[] { 1, 3, 6 }, timestamps);
        Assert.Equal(6, source.RowsRead);
        Assert.Equal(2, source.SkippedRows);
        Assert.Equal(1, source.IgnoredRows);
        Assert.Equal("2 (not JSON 1, missing field 1)", source.Losses.DescribeSkipped());
        Assert.Empty(source.Losses.Damage);
    }

    [Fact]
    public void TryRead_GzipCutMidStream_ThrowsNamingTheLineReached()
    {
        string path = WriteGzip("h.gz", Lines(4_000));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();
        long read = 0;

        var ex = Assert.Throws<TickFormatException>(() =>
        {
            while (source.TryRead(ref e))
            {
                read++;
            }
        });

        Assert.InRange(read, 1, 3_999);
        Assert.Equal(read + 1, ex.Line);
        Assert.Equal(path + ":" + ex.Line + ": the file ends inside this line: the gzip data is truncated", ex.Message);
    }

    [Fact]
    public void TryRead_GzipTrailerCut_ThrowsAfterTheLastLine()
    {
        string path = WriteGzip("i.gz", Lines(100));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();
        int read = 0;

        var ex = Assert.Throws<TickFormatException>(() =>
        {
            while (source.TryRead(ref e))
            {
                read++;
            }
        });

        Assert.Equal(100, read);
        Assert.Equal(path + ":100: the gzip data is truncated after this line (its size trailer does not match)", ex.Message);
    }

    [Fact]
    public void TryRead_TruncatedGzipWhenSkipping_CountsPartialLineAndReportsTruncation()
    {
        string path = WriteGzip("j.gz", Lines(4_000));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions { SkipBadRows = true });
        var e = new MarketEvent();
        long read = 0;

        while (source.TryRead(ref e))
        {
            read++;
        }

        Assert.False(source.TryRead(ref e));
        Assert.NotNull(source.Truncation);
        Assert.Equal(read + 1, source.Truncation.Line);
        Assert.Equal(1, source.SkippedRows);
        Assert.Equal(read + 1, source.RowsRead);
        Assert.Contains("truncated", source.Truncation.Message, StringComparison.Ordinal);
        Assert.Equal("1 (cut off by the end of the file 1)", source.Losses.DescribeSkipped());
        Assert.Equal(source.Truncation.Message + ": the rest of the capture is missing", Assert.Single(source.Losses.Damage));
    }

    [Fact]
    public void TryRead_ConcatenatedGzipMembersAndPlainText_ReadAsOneCapture()
    {
        string first = WriteGzip("k1.gz", Lines(50));
        string second = WriteGzip("k2.gz", Lines(30));
        string both = Path.Combine(_directory, "k.gz");
        File.WriteAllBytes(both, [.. File.ReadAllBytes(first), .. File.ReadAllBytes(second)]);
        string plain = Path.Combine(_directory, "k.txt");
        File.WriteAllText(plain, string.Join('\n', Lines(20))); // no final newline

        Assert.Equal(80, ReadAll(both).Count);
        Assert.Equal(20, ReadAll(plain).Count);
    }

    [Fact]
    public void TryRead_LineLongerThanTheBufferAndCrLf_ReadsEveryLine()
    {
        // A 300 KB snapshot outgrows the 64 KiB line buffer; CR LF endings are accepted.
        string levels = string.Join(',', Enumerable.Repeat("[\"61837.63000000\",\"3.78826000\"]", 10_000));
        string path = WriteGzip("long.gz", "1 " + Trade + "\r", "2 {\"lastUpdateId\":1,\"bids\":[" + levels + "],\"asks\":[]}\r", "3 " + Trade + "\r");
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();

        Assert.True(source.TryRead(ref e));
        Assert.True(source.TryRead(ref e));
        Assert.Equal(3, e.TimestampNs);
        Assert.False(source.TryRead(ref e));
        Assert.Equal(1, source.IgnoredRows);
    }

    [Fact]
    public void Open_MissingFile_ThrowsFileNotFound()
    {
        string path = Path.Combine(_directory, "missing.gz");

        var ex = Assert.Throws<TickFormatException>(() => BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(path + ": file not found", ex.Message);
    }

    [Fact]
    public void TryRead_SteadyState_AllocatesNothingPerRow()
    {
        string path = WriteGzip("alloc.gz", Lines(200_000));
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();
        long events = Read(source, ref e, 20_000); // warm-up: first symbol sight, buffers, tiered JIT

        long allocated = AllocationProbe.Measure(() => events += Read(source, ref e, 30_000));

        Assert.Equal(0, allocated);
        Assert.Equal(0, (events - 20_000) % 30_000); // every measured run read its full 30,000 rows
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

    // Independent of the reader: the first and last line's leading number, from a plain text read of the file.
    private static (long First, long Last) LocalTimestampRange(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        string? firstLine = text.ReadLine();
        string? lastLine = firstLine;
        for (string? line = firstLine; line is not null; line = text.ReadLine())
        {
            lastLine = line;
        }

        Assert.NotNull(firstLine);
        Assert.NotNull(lastLine);
        return (
            long.Parse(firstLine.AsSpan(0, firstLine.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture),
            long.Parse(lastLine.AsSpan(0, lastLine.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture));
    }

    private static List<MarketEvent> ReadAll(string path)
    {
        using var source = BinanceCaptureTickSource.Open(path, new SymbolTable(), new TickReadOptions());
        List<MarketEvent> events = TickReads.ReadAll(source);
        Assert.Null(source.Truncation);
        return events;
    }

    // Trades and bookTickers in turn with rising local timestamps: every line is a tick.
    private static string[] Lines(int count)
    {
        var lines = new string[count];
        for (int i = 0; i < count; i++)
        {
            string message = (i % 2) == 0 ? Trade : BookTicker;
            lines[i] = (1723161254087891268L + i).ToString(CultureInfo.InvariantCulture) + " " + message;
        }

        return lines;
    }

    private string WriteGzip(string name, params string[] lines)
    {
        string path = Path.Combine(_directory, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        foreach (string line in lines)
        {
            gzip.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }

        return path;
    }
}
