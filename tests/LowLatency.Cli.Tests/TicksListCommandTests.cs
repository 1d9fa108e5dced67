using LowLatency.Cli.Tests.Support;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Cli.Tests;

public sealed class TicksListCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Ls_SharedFolder_OneAlignedLinePerFileFromMetadataAndTotals()
    {
        string ticks = SharedData.RequireTicks();

        var (exit, output, error) = CliRunner.Run("ticks", "ls", ticks);

        Assert.True(exit == 0, error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.StartsWith("FORMAT   KIND   SYMBOLS", lines[0], StringComparison.Ordinal);
        int fileColumn = lines[0].IndexOf("FILE", StringComparison.Ordinal);
        string[] rows = [.. lines.Skip(1).TakeWhile(l => l.Length > 0)];
        Assert.Equal(15, rows.Length); // README.md is left out: not a tick file by its extension
        Assert.All(rows, row => Assert.DoesNotContain(" ! ", row, StringComparison.Ordinal));
        Assert.Equal("lean/equity/usa/tick/spy/20131007_trade.zip", Row(rows, "spy/20131007")[fileColumn..]);
        Assert.Matches(@"^Lean\s+trade\s+SPY\s+day 2013-10-07 America/New_York\s+\?\s+\?\s+884\.7 KiB", Row(rows, "spy/20131007"));
        Assert.Matches(@"^Lean\s+trade\s+GC201310,GC201311,\.\.\. \(10\)\s+day 2013-10-07 UTC", Row(rows, "gc/20131007"));
        Assert.Matches(@"^Binance\s+\?\s+BTCUSDT,\.\.\.\s+2024-08-08 23:54:1\d\.\d{3}\s+\?\s+\?", Row(rows, "btcusdt_20240808.gz"));
        Assert.Contains("total        15 file(s), ", output, StringComparison.Ordinal);
        Assert.Contains("(15 not counted), 2013-01-01 .. 2024-08-08; 0 unreadable; 1 other file(s) left out", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ls_CountTradeGlob_ExactEventsOfTheReadme()
    {
        string glob = SharedData.RequireTicks() + "/lean/**/*_trade.zip";

        var (exit, output, error) = CliRunner.Run("ticks", "ls", "--count", glob);

        Assert.True(exit == 0, error);
        Assert.Matches(@"Lean\s+trade\s+SPY\s+2013-10-08 08:00:17\.034\s+2013-10-08 23:59:58\.962\s+451,545\s", output);
        Assert.Matches(@"Lean\s+trade\s+AIG\s+2013-10-07 08:00:00\.688\s+2013-10-07 23:59:57\.520\s+25,351\s", output);
        Assert.Matches(@"Lean\s+trade\s+GC201310,GC201311,\.\.\. \(10\)\s+.*\s40,192\s", output);
        Assert.Contains("total        6 file(s), ", output, StringComparison.Ordinal);
        Assert.Contains(", 880,154 events, 2013-10-07 .. 2013-10-08; 0 unreadable", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ls_RecordedJournal_CountAndSpanFromHeaders()
    {
        string journal = _dir.File("gen.lltj");
        Assert.Equal(0, CliRunner.Run("record", "--out", journal, "--events", "10000", "--symbols", "AAA,BBB").ExitCode);

        var (exit, output, error) = CliRunner.Run("ticks", "ls", journal);

        // 10 000 events 1 ms apart from 2024-01-02T14:30:00Z.
        Assert.True(exit == 0, error);
        Assert.Matches(@"Journal\s+\?\s+AAA,BBB\s+2024-01-02 14:30:00\.000\s+2024-01-02 14:30:09\.999\s+10,000\s", output);
        Assert.Contains(", 10,000 events, 2024-01-02 .. 2024-01-02; 0 unreadable", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", "4,999")] // the torn block's complete records are read
    [InlineData("lz4", "4,096")]  // a torn compressed block gives back none: 4 whole blocks of 1,024
    public void Ls_DamagedAndUnrecognisedFiles_OneProblemLineEachExitFour(string compression, string recovered)
    {
        string journal = _dir.File("torn.lltj");
        Assert.Equal(0, CliRunner.Run("record", "--out", journal, "--events", "5000", "--compression", compression).ExitCode);
        using (var file = new FileStream(journal, FileMode.Open))
        {
            file.SetLength(file.Length - 10);
        }

        File.WriteAllText(_dir.File("notes.txt"), "not ticks\n");
        File.WriteAllText(_dir.File("README.md"), "# left out\n");

        var (exit, output, error) = CliRunner.Run("ticks", "ls", _dir.Path);

        Assert.Equal(4, exit);
        Assert.Equal("", error);
        Assert.Matches(@"\?\s+.*notes\.txt  ! cannot tell the format of this file", output);
        Assert.Matches($@"Journal\s+.*\s{recovered}\s+.*torn\.lltj  ! journal ends in a partial block at byte \d+; {recovered} events recovered", output);
        Assert.DoesNotContain("README.md", output, StringComparison.Ordinal);
        Assert.Contains("; 2 unreadable; 1 other file(s) left out", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ls_MissingFileAndEmptyGlob_ProblemLineOrExitTwo()
    {
        var missing = CliRunner.Run("ticks", "ls", _dir.File("nope.lltj"));
        var empty = CliRunner.Run("ticks", "ls", _dir.Path + "/*.zip");

        Assert.Equal(4, missing.ExitCode);
        Assert.Contains("nope.lltj  ! file not found", missing.Output, StringComparison.Ordinal);
        Assert.Equal(2, empty.ExitCode);
        CliAssert.OneErrorLine($"error: inputs: '{_dir.Path}/*.zip': the glob matches no tick file.", empty.Error);
    }

    private static string Row(string[] rows, string file) => Assert.Single(rows, r => r.Contains(file, StringComparison.Ordinal));
}
