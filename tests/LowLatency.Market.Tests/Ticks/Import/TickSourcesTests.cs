using System.IO.Compression;
using System.Text;
using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;
using LowLatency.Ticks.Journal;

namespace LowLatency.Market.Tests.Ticks.Import;

public sealed class TickSourcesTests : IDisposable
{
    private const string Capture =
        """1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT","p":"61837.63","q":"0.02"}}""" + "\n";

    private const string UnknownReason =
        ": cannot tell the format of this file (expected .lltj, LEAN .zip, Binance .gz capture, CSV with a header or .parquet); use --format";

    private readonly string _directory = Directory.CreateTempSubdirectory("ll-sources-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("hftbacktest/spot/btcusdt_20240808.gz", TickFormat.Binance)]
    [InlineData("hftbacktest/cm/btcusd_perp_20240808.gz", TickFormat.Binance)]
    [InlineData("nautilus/truefx/usdjpy-ticks.csv", TickFormat.Csv)]
    [InlineData("nautilus/tardis/bitmex_trades_XBTUSD.csv", TickFormat.Csv)]
    [InlineData("lean/equity/usa/tick/aig/20131007_trade.zip", TickFormat.Lean)]
    [InlineData("lean/future/comex/tick/gc/20131007_trade.zip", TickFormat.Lean)]
    public void Detect_SharedSample_ReturnsItsFormat(string file, TickFormat expected)
    {
        string path = SharedData.RequireTickFile(file);

        Assert.Equal(expected, TickSources.Detect(path));
    }

    [Fact]
    public void Detect_ByExtensionOrMagic_ReturnsJournalAndLean()
    {
        string journalByExtension = Write("anything.lltj", [1, 2, 3]);
        string journalByMagic = Write("ticks.bin", [(byte)'L', (byte)'L', (byte)'T', (byte)'J', 1, 0]);
        string zipByExtension = Write("20131007_trade.ZIP", [0]);
        string zipByMagic = Write("archive.dat", [(byte)'P', (byte)'K', 3, 4, 20, 0]);

        Assert.Equal(TickFormat.Journal, TickSources.Detect(journalByExtension));
        Assert.Equal(TickFormat.Journal, TickSources.Detect(journalByMagic));
        Assert.Equal(TickFormat.Lean, TickSources.Detect(zipByExtension));
        Assert.Equal(TickFormat.Lean, TickSources.Detect(zipByMagic));
    }

    [Fact]
    public void Detect_CaptureGzippedOrPlainUnderAnyName_ReturnsBinance()
    {
        string gzipped = WriteGzip("capture.data", Capture);
        string plain = Write("capture.log", Encoding.UTF8.GetBytes(Capture));

        Assert.Equal(TickFormat.Binance, TickSources.Detect(gzipped));
        Assert.Equal(TickFormat.Binance, TickSources.Detect(plain));
    }

    [Theory]
    [InlineData("timestamp,bid,ask\n2013-01-01 22:00:00.295000+00:00,86.655,86.728\n")]
    [InlineData("\uFEFFTime;Symbol;Price\r\n1,A,1\r\n")]
    [InlineData("ts\tprice\n")]
    [InlineData("\"exchange\",\"symbol\",\"timestamp\",\"price\"")]
    public void Detect_TextWithCsvHeader_ReturnsCsv(string content)
    {
        string path = Write("ticks.txt", Encoding.UTF8.GetBytes(content));

        Assert.Equal(TickFormat.Csv, TickSources.Detect(path));
    }

    [Theory]
    [InlineData("14400464,1670100,100,P,00000000,0\n")]      // header-less LEAN CSV row
    [InlineData("timestamp\n1\n")]                           // one column: not a separated header
    [InlineData("timestamp,,price\n")]                       // empty name
    [InlineData("just some words\n")]
    public void Detect_TextWithoutCsvHeader_ThrowsUnknownFormat(string content)
    {
        string path = Write("data.csv", Encoding.UTF8.GetBytes(content));

        var ex = Assert.Throws<TickFormatException>(() => TickSources.Detect(path));

        Assert.Equal(path + UnknownReason, ex.Message);
    }

    [Fact]
    public void Detect_BinaryOrGzippedNonCapture_ThrowsUnknownFormat()
    {
        string binary = Write("blob.gz", [0, 1, 2, 3, 0xff, 0xfe]);
        string gzippedCsv = WriteGzip("ticks.csv.gz", "timestamp,price\n1,1\n");
        string corruptGzip = Write("corrupt.gz", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff]);

        Assert.Equal(binary + UnknownReason, Assert.Throws<TickFormatException>(() => TickSources.Detect(binary)).Message);
        Assert.Equal(gzippedCsv + UnknownReason, Assert.Throws<TickFormatException>(() => TickSources.Detect(gzippedCsv)).Message);
        Assert.Equal(corruptGzip + UnknownReason, Assert.Throws<TickFormatException>(() => TickSources.Detect(corruptGzip)).Message);
    }

    [Fact]
    public void DetectAndOpen_MissingFile_ThrowsFileNotFound()
    {
        string path = Path.Combine(_directory, "nope.gz");

        var detect = Assert.Throws<TickFormatException>(() => TickSources.Detect(path));
        var open = Assert.Throws<TickFormatException>(
            () => TickSources.Open(path, new SymbolTable(), new TickReadOptions { Format = TickFormat.Csv }));

        Assert.Equal(path + ": file not found", detect.Message);
        Assert.Equal(path + ": file not found", open.Message);
    }

    [Fact]
    public void Open_DetectedFormats_ReturnTheMatchingReaders()
    {
        string capture = WriteGzip("c.gz", Capture);
        string csv = Write("eurusd.csv", Encoding.UTF8.GetBytes("time,bid,ask\n1709210096,1.1,1.2\n"));
        string journal = Path.Combine(_directory, "j" + JournalFormat.FileExtension);
        var symbols = new SymbolTable();
        using (var writer = JournalWriter.Create(journal, symbols))
        {
            writer.Append(MarketEvent.Trade(symbols.GetOrAdd("AAPL"), Fx.P(180.5m), Fx.P(10m), 42));
        }

        var options = new TickReadOptions();
        Assert.Equal(MarketEvent.Trade(symbols.GetOrAdd("BTCUSDT"), Fx.P(61837.63m), Fx.P(0.02m), 1723161254087896568),
            ReadSingle<BinanceCaptureTickSource>(TickSources.Open(capture, symbols, options)));
        Assert.Equal(MarketEvent.Quote(symbols.GetOrAdd("EURUSD"), Fx.P(1.1m), default, Fx.P(1.2m), default, 1_709_210_096_000_000_000),
            ReadSingle<CsvTickSource>(TickSources.Open(csv, symbols, options)));
        Assert.Equal(MarketEvent.Trade(symbols.GetOrAdd("AAPL"), Fx.P(180.5m), Fx.P(10m), 42),
            ReadSingle<JournalReader>(TickSources.Open(journal, symbols, options)));
    }

    [Fact]
    public void Open_FormatOption_OverridesDetection()
    {
        string csvNamedLikeCapture = Write("ticks.gz", Encoding.UTF8.GetBytes("x,y\n1709210096,1\n"));
        var options = new TickReadOptions { Format = TickFormat.Csv, TimestampColumn = "x", PriceColumn = "y", Symbol = "S" };
        var symbols = new SymbolTable();

        IReadOnlyList<ITickSource> sources = TickSources.Open(csvNamedLikeCapture, symbols, options);

        Assert.Equal(MarketEvent.Trade(symbols.GetOrAdd("S"), Fx.P(1m), default, 1_709_210_096_000_000_000), ReadSingle<CsvTickSource>(sources));
    }

    [Fact]
    public void Open_LeanFuturesZip_ReturnsOneSourcePerEntry()
    {
        string path = SharedData.RequireTickFile("lean/future/comex/tick/gc/20131007_trade.zip");

        IReadOnlyList<ITickSource> sources = TickSources.Open(path, new SymbolTable(), new TickReadOptions());
        try
        {
            Assert.Equal(10, sources.Count);
            Assert.All(sources, s => Assert.IsType<LeanTickSource>(s));
        }
        finally
        {
            foreach (ITickSource source in sources)
            {
                source.Dispose();
            }
        }
    }

    [Fact]
    public void Open_UnknownFormat_ThrowsUseFormatHint()
    {
        string path = Write("notes.txt", Encoding.UTF8.GetBytes("hello\n"));

        var ex = Assert.Throws<TickFormatException>(() => TickSources.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(path + UnknownReason, ex.Message);
    }

    private static MarketEvent ReadSingle<TSource>(IReadOnlyList<ITickSource> sources)
        where TSource : ITickSource
    {
        using ITickSource source = Assert.Single(sources);
        Assert.IsType<TSource>(source);
        var e = new MarketEvent();
        Assert.True(source.TryRead(ref e));
        MarketEvent first = e;
        Assert.False(source.TryRead(ref e));
        return first;
    }

    [Fact]
    public void Detect_EmptyFile_AsksForTheFormat()
    {
        string empty = Write("empty.csv", []);

        Assert.Equal(empty + ": empty, or a pipe whose format cannot be detected without consuming it: give --format",
            Assert.Throws<TickFormatException>(() => TickSources.Detect(empty)).Message);
    }

    [Fact]
    public void Detect_Pipe_AsksForTheFormatWithoutOpeningIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("mkfifo is POSIX.");
        }

        string pipe = Path.Combine(_directory, "ticks.pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            Assert.True(mkfifo.WaitForExit(TimeSpan.FromSeconds(30)) && mkfifo.ExitCode == 0);
        }

        // Opening a pipe for reading blocks until a writer comes: run it on a task so a regression fails, not hangs.
        Task<TickFormatException> detect = Task.Run(() => Assert.Throws<TickFormatException>(() => TickSources.Detect(pipe)));
        if (!detect.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))
        {
            using (new FileStream(pipe, FileMode.Open, FileAccess.Write))
            {
                // releases the blocked open so the test process is not left with a stuck thread
            }

            Assert.Fail("Detect opened the pipe (and blocked) instead of asking for --format");
        }

        Assert.EndsWith(": empty, or a pipe whose format cannot be detected without consuming it: give --format", detect.Result.Message);
    }

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string WriteGzip(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }
}
