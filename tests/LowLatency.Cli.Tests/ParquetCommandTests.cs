using System.Text.RegularExpressions;
using LowLatency.Cli.Tests.Support;
using LowLatency.Market.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace LowLatency.Cli.Tests;

/// <summary><c>convert</c> to Parquet and back, <c>replay</c> of a .parquet, and bad Parquet input, end to end.</summary>
public sealed partial class ParquetCommandTests
{
    [Fact]
    public void Convert_ToParquetByName_ReplaysLikeTheSources()
    {
        string trades = SharedData.RequireTickFile("lean/equity/usa/tick/bac/20131007_trade.zip");
        string quotes = SharedData.RequireTickFile("lean/equity/usa/tick/ibm/20131007_quote.zip");
        using var dir = new TempDirectory();
        string parquet = dir.File("day.parquet");

        var convert = CliRunner.Run("convert", trades, quotes, "--out", parquet);
        var fromSources = CliRunner.Run("replay", trades, quotes);
        var fromParquet = CliRunner.Run("replay", parquet);

        Assert.True(convert.ExitCode == 0, convert.Error);
        Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(parquet)[..4]);
        Assert.Equal(["day.parquet"], Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // no temporary file left
        Assert.True(fromParquet.ExitCode == 0, fromParquet.Error);
        Assert.Equal(Line(ReplayedRegex(), fromSources.Output), Line(ReplayedRegex(), fromParquet.Output));
        Assert.Equal(Line(RecordedRegex(), fromSources.Output), Line(RecordedRegex(), fromParquet.Output));
        Assert.Equal(SummaryText.TradingSection(fromSources.Output), SummaryText.TradingSection(fromParquet.Output));
    }

    [Fact]
    public void Convert_OutFormatParquetThenBackToJournal_KeepsEveryEvent()
    {
        string capture = SharedData.RequireTickFile("hftbacktest/spot/btcusdt_20240808.gz");
        using var dir = new TempDirectory();
        string parquet = dir.File("btc.data"); // no .parquet name: --out-format says it
        string journal = dir.File("btc.lltj");

        var toParquet = CliRunner.Run("convert", capture, "--out", parquet, "--out-format", "parquet");
        var toJournal = CliRunner.Run("convert", parquet, "--out", journal, "--format", "parquet");
        var fromSource = CliRunner.Run("replay", capture);
        var fromJournal = CliRunner.Run("replay", journal);

        Assert.True(toParquet.ExitCode == 0, toParquet.Error);
        Assert.True(toJournal.ExitCode == 0, toJournal.Error);
        Assert.Contains("into 37,797 events", toJournal.Output, StringComparison.Ordinal); // 9,757 trades + 28,040 quotes
        Assert.Equal(SummaryText.TradingSection(fromSource.Output), SummaryText.TradingSection(fromJournal.Output));
    }

    [Fact]
    public void TicksLs_ParquetFile_CountSpanAndSymbolsFromTheFooter()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131007_trade.zip");
        using var dir = new TempDirectory();
        string parquet = dir.File("spy.parquet");
        File.WriteAllText(dir.File("bad.parquet"), "not parquet");
        Assert.Equal(0, CliRunner.Run("convert", spy, "--out", parquet).ExitCode);

        var (exit, output, _) = CliRunner.Run("ticks", "ls", dir.Path);

        // README: 250,601 SPY trades, 14400464..71999536 ms after midnight New York (EDT, UTC-4).
        Assert.Equal(ExitCodes.IncompleteInput, exit); // bad.parquet is listed as unreadable
        Assert.Matches(@"Parquet\s+trade\s+SPY\s+2013-10-07 08:00:00\.464\s+2013-10-07 23:59:59\.536\s+250,601\s", output);
        Assert.Contains("not a readable Parquet file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TicksLs_CountOnARowABadRead_ProblemLineWhereTheFooterCountsIt()
    {
        // Another writer's table whose second row has a null flags: the footer counts 2 rows, a read finds 1 event.
        using var dir = new TempDirectory();
        string path = await WriteForeignTrades(dir.File("nulls.parquet"), precision: 18, [1m, 2m], [0, null]);

        var footer = CliRunner.Run("ticks", "ls", path);
        var counted = CliRunner.Run("ticks", "ls", "--count", path);

        Assert.True(footer.ExitCode == 0, footer.Output);
        Assert.Matches(@"Parquet\s+trade\s+ABC\s+1970-01-01 00:00:00\.000\s+.*\s2\s+1\.\d KiB\s+\S*nulls\.parquet\n", footer.Output);
        Assert.Equal(ExitCodes.IncompleteInput, counted.ExitCode);
        Assert.Matches(@"Parquet\s+\?\s+ABC,\.\.\.\s+1970-01-01 00:00:00\.000\s+\?\s+\?\s+1\.\d KiB\s+\S*nulls\.parquet  ! column 'flags': is null; write 0 for no flags \(pandas fillna\(0\), Polars fill_null\(0\)\) \(row 2\)\n", counted.Output);
        Assert.Contains("; 1 unreadable;", counted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_PriceBeyondFixedPointInForeignParquet_ExitThreeNamingColumnOrSkippedByReason()
    {
        // DECIMAL(28,8), as another writer may choose: 10^12 is a valid decimal there, beyond FixedPoint here.
        using var dir = new TempDirectory();
        string path = await WriteForeignTrades(dir.File("wide.parquet"), precision: 28, [1m, 1_000_000_000_000m, 3m], [0, 0, 0]);

        var strict = CliRunner.Run("convert", path, "--out", dir.File("strict.lltj"));
        var skipping = CliRunner.Run("convert", path, "--out", dir.File("skip.lltj"), "--skip-bad-rows");

        Assert.Equal(ExitCodes.BadInput, strict.ExitCode);
        CliAssert.OneErrorLine($"error: {path}: column 'price': '1000000000000' is beyond the FixedPoint range (magnitude at most 92,233,720,368.54775807) (row 2)", strict.Error);
        Assert.False(File.Exists(dir.File("strict.lltj")));
        Assert.Equal(ExitCodes.IncompleteInput, skipping.ExitCode);
        Assert.Contains("from 1 input(s) into 2 events", skipping.Output, StringComparison.Ordinal);
        Assert.Contains("bad rows skipped 1 (price out of range 1)", skipping.Output, StringComparison.Ordinal);
        Assert.Equal(["skip.lltj", "wide.parquet"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order()); // no temporary file left
    }

    [Fact]
    public void Replay_NotParquet_ExitThreeOneLine()
    {
        using var dir = new TempDirectory();
        string fake = dir.File("fake.parquet");
        File.WriteAllText(fake, "this is not parquet\n");

        var (exit, _, error) = CliRunner.Run("replay", fake);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith($"error: {fake}: not a readable Parquet file", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Convert_WrongSchemaParquet_ExitThreeNamingTheColumn()
    {
        using var dir = new TempDirectory();
        string foreign = dir.File("foreign.parquet");
        var timestamp = new DataField<long>("timestamp");
        await using (var stream = File.Create(foreign))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(timestamp), stream, cancellationToken: TestContext.Current.CancellationToken))
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync<long>(timestamp, new long[] { 1 }, cancellationToken: TestContext.Current.CancellationToken);
        }

        var (exit, _, error) = CliRunner.Run("convert", foreign, "--out", dir.File("out.lltj"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith($"error: {foreign}: column 'timestamp': expected INT64 TIMESTAMP(NANOS, UTC), found INT64", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal(["foreign.parquet"], Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // nothing written
    }

    [Fact]
    public void Convert_PriceBeyondParquetDecimal_ExitTwoNamingOutAndTheEventOutputUntouched()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllText(csv, "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,10000000000.5,100\n");
        string parquet = dir.File("x.parquet");
        File.WriteAllText(parquet, "previous contents");

        var (exit, output, error) = CliRunner.Run("convert", csv, "--out", parquet);
        var journal = CliRunner.Run("convert", csv, "--out", dir.File("x.lltj"));

        // Valid input that the chosen output cannot hold: an output (option) problem, not bad input.
        Assert.Equal(ExitCodes.InvalidOptions, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine($"error: --out {parquet}: cannot write: price 10000000000.5 of ABC at 2023-11-14T22:13:20.001000000Z " +
            "does not fit Parquet's DECIMAL(18,8) (magnitude below 10^10); the output was not written (1 events had been converted); a journal (.lltj) holds such values.", error);
        Assert.Equal("previous contents", File.ReadAllText(parquet));
        Assert.True(journal.ExitCode == 0, journal.Error);
        Assert.Equal(["ticks.csv", "x.lltj", "x.parquet"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order()); // no temporary file left
    }

    [Theory]
    [InlineData("x.parquet", false, "zstd")]
    [InlineData("x.data", true, "none")]
    public void Convert_ParquetWithCompression_ExitTwoNamingBothOptions(string name, bool outFormat, string codec)
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllText(csv, "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n");
        string target = dir.File(name);
        string[] args = outFormat
            ? ["convert", csv, "--out", target, "--out-format", "parquet", "--compression", codec]
            : ["convert", csv, "--out", target, "--compression", codec];

        var (exit, output, error) = CliRunner.Run(args);

        Assert.Equal(ExitCodes.InvalidOptions, exit);
        Assert.Equal("", output);
        string given = outFormat ? $"--out {target} --out-format parquet" : $"--out {target}";
        CliAssert.OneErrorLine($"error: --compression {codec}: applies to journal output only, and {given} writes Parquet (always Snappy-compressed); drop --compression or write a journal.", error);
        Assert.Equal(["ticks.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // nothing written
    }

    private static Task<string> WriteForeignTrades(string path, int precision, decimal[] prices, byte?[] flags) =>
        ForeignParquetTrades.WriteAsync(path, "ABC", precision, forceByteArrayEncoding: false, prices, flags);

    private static string Line(Regex regex, string output)
    {
        Match m = regex.Match(output);
        Assert.True(m.Success, output);
        return m.Groups[1].Value;
    }

    [GeneratedRegex(@"replayed\s+([\d,]+) events")]
    private static partial Regex ReplayedRegex();

    [GeneratedRegex(@"recorded\s+(.*)")]
    private static partial Regex RecordedRegex();
}
