using System.IO.Compression;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Cli.Tests;

/// <summary>Skipped or cut-short input is never a complete success: the summary counts it by reason and the exit code is
/// 4 (<see cref="ExitCodes.IncompleteInput"/>); without --skip-bad-rows damage is bad input (exit 3).</summary>
public sealed class IncompleteInputTests
{
    private const string Header = "timestamp,symbol,price,size\n";

    [Fact]
    public void Replay_SkippedRows_SummaryCountsReasonsAndExitsFour()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllText(csv, Header + "1700000000000,ABC,10.5,100\n1700000000001,ABC,10.6,100,7\n1700000000002,ABC,10.x,100\n1700000000003,ABC,10.7,100\n");

        string report = dir.File("report");
        var (exit, output, error) = CliRunner.Run("replay", csv, "--skip-bad-rows", "--report", report);

        Assert.Equal(ExitCodes.IncompleteInput, exit);
        Assert.Contains("\"complete\": false", File.ReadAllText(Path.Combine(report, "summary.json")), StringComparison.Ordinal); // never a partial run as complete
        Assert.Matches(@"replayed\s+2 events", output);
        Assert.Contains("rows read 4, not ticks (ignored) 0, bad rows skipped 2 (extra fields 1, bad price 1), outside", output, StringComparison.Ordinal);
        Assert.EndsWith(
            "incomplete input: 2 bad row(s) skipped, 0 damaged input(s); the summary counts them by reason (exit code 4).",
            error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_CleanInput_ExitsZeroWithNothingSkipped()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllText(csv, Header + "1700000000000,ABC,10.5,100\n");

        var (exit, output, error) = CliRunner.Run("convert", csv, "--out", dir.File("out.lltj"));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("bad rows skipped 0, symbols 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("incomplete", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_TruncatedBinanceGzip_WithoutSkipExitsThreeNamingTheLine_WithSkipExitsFour()
    {
        string capture = SharedData.RequireTickFile("hftbacktest/spot/btcusdt_20240808.gz");
        using var dir = new TempDirectory();
        string cut = dir.File("btcusdt_20240808.gz");
        byte[] bytes = File.ReadAllBytes(capture);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        var strict = CliRunner.Run("convert", cut, "--out", dir.File("a.lltj"));
        var skipping = CliRunner.Run("convert", cut, "--out", dir.File("b.lltj"), "--skip-bad-rows");

        Assert.Equal(ExitCodes.BadInput, strict.ExitCode);
        Assert.Matches("^error: " + Regex(cut) + @":\d+: .*truncated", strict.Error);
        Assert.Equal(ExitCodes.IncompleteInput, skipping.ExitCode);
        Assert.Matches("incomplete   " + Regex(cut) + @":\d+: the file ends inside this line: the gzip data is truncated: the rest of the capture is missing", skipping.Output);
        Assert.Contains("bad rows skipped 1 (cut off by the end of the file 1)", skipping.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_JournalWithTornEnd_ReportsPartialBlockAndExitsFour()
    {
        string csv = SharedData.RequireTickFile("nautilus/truefx/usdjpy-ticks.csv");
        using var dir = new TempDirectory();
        string journal = dir.File("usdjpy.lltj");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("convert", csv, "--out", journal, "--compression", "none").ExitCode);
        long length = new FileInfo(journal).Length;
        using (var file = new FileStream(journal, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(length - 100); // 1,000 quotes = one block of 1,024: the cut leaves 997 whole records
        }

        var (exit, output, _) = CliRunner.Run("convert", journal, "--out", dir.File("again.lltj"));

        Assert.Equal(ExitCodes.IncompleteInput, exit);
        Assert.Contains("into 997 events", output, StringComparison.Ordinal);
        Assert.Contains(
            "incomplete   " + journal + ": journal ends in a partial block at byte 112; 997 events recovered, the last 44 bytes and 3 records of the partial block lost (the writer did not finish)",
            output,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lz4")]
    [InlineData("zstd")]
    public void Convert_CompressedJournalWithTornEnd_ReportsTheWholeBlockLostAndExitsFour(string compression)
    {
        string csv = SharedData.RequireTickFile("nautilus/truefx/usdjpy-ticks.csv");
        using var dir = new TempDirectory();
        string journal = dir.File("usdjpy.lltj");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("convert", csv, "--out", journal, "--compression", compression).ExitCode);
        long cut = new FileInfo(journal).Length - 100;
        using (var file = new FileStream(journal, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(cut); // 1,000 quotes = one compressed block at byte 112: none of it decompresses once cut
        }

        var (exit, output, _) = CliRunner.Run("convert", journal, "--out", dir.File("again.lltj"));

        Assert.Equal(ExitCodes.IncompleteInput, exit);
        Assert.Contains("into 0 events", output, StringComparison.Ordinal);
        Assert.Contains(
            $"incomplete   {journal}: journal ends in a partial block at byte 112; 0 events recovered, the last {cut - 112:N0} bytes and 1,000 records of the partial block lost (the writer did not finish)",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_LeanEntryWithBadCrc_WithoutSkipExitsThreeNamingArchiveAndEntry_WithSkipDropsIt()
    {
        using var dir = new TempDirectory();
        string zip = Path.Combine(dir.Path, "forex", "oanda", "tick", "eurusd", "20140501_quote.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
        using (ZipArchive archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using Stream entry = archive.CreateEntry("20140501_eurusd_tick_quote.csv", CompressionLevel.NoCompression).Open();
            entry.Write("1000,1.1,1.2\n2000,1.1,1.2\n"u8);
        }

        byte[] bytes = File.ReadAllBytes(zip);
        bytes[bytes.AsSpan().IndexOf("1000,1.1,1.2"u8) + 11] = (byte)'3'; // a price that still parses: only the CRC tells
        File.WriteAllBytes(zip, bytes);

        var strict = CliRunner.Run("convert", zip, "--out", dir.File("a.lltj"));
        var skipping = CliRunner.Run("convert", zip, "--out", dir.File("b.lltj"), "--skip-bad-rows");

        Assert.Equal(ExitCodes.BadInput, strict.ExitCode);
        Assert.StartsWith("error: " + zip + "!20140501_eurusd_tick_quote.csv: CRC-32 mismatch: the entry is damaged", strict.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("a.lltj")));
        Assert.Equal(ExitCodes.IncompleteInput, skipping.ExitCode);
        Assert.Contains("into 0 events", skipping.Output, StringComparison.Ordinal);
        Assert.Contains("incomplete   " + zip + "!20140501_eurusd_tick_quote.csv: entry dropped, CRC-32 mismatch", skipping.Output, StringComparison.Ordinal);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
