using LowLatency.Cli.Commands;
using LowLatency.Cli.Tests.Support;
using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;

namespace LowLatency.Cli.Tests;

/// <summary>Folders and globs as tick inputs: what they expand to, and how replay and convert report it.</summary>
public sealed class TickInputListTests : IDisposable
{
    private const string Csv = "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,10.6,100\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Expand_Folder_RecursiveSortedNonTickLeftOutUndetectableSkipped()
    {
        Directory.CreateDirectory(_dir.File("a"));
        File.WriteAllText(_dir.File("b.csv"), Csv);
        File.WriteAllText(_dir.File(Path.Combine("a", "c.csv")), Csv);
        File.WriteAllText(_dir.File("README.md"), "# notes\n");
        File.WriteAllText(_dir.File("notes.txt"), "not a tick file\n");

        TickInputList list = TickInputList.Expand([_dir.Path], TickFormat.Auto);

        Assert.Equal([Path.Combine(_dir.Path, "a", "c.csv"), Path.Combine(_dir.Path, "b.csv")], list.Files);
        Assert.Equal(1, list.Patterns);
        Assert.Equal(1, list.NotTickFiles);
        Assert.Equal(1, list.SkippedCount);
        string damage = Assert.Single(list.Skipped.Damage);
        Assert.StartsWith(Path.Combine(_dir.Path, "notes.txt") + ": skipped, cannot tell the format", damage, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_Glob_OnlyMatchesSortedAndAFileNamedTwiceOnce()
    {
        Directory.CreateDirectory(_dir.File(Path.Combine("x", "y")));
        File.WriteAllText(_dir.File(Path.Combine("x", "y", "2_trade.csv")), Csv);
        File.WriteAllText(_dir.File(Path.Combine("x", "1_trade.csv")), Csv);
        File.WriteAllText(_dir.File(Path.Combine("x", "1_quote.csv")), Csv);

        TickInputList list = TickInputList.Expand([_dir.Path + "/**/*_trade.csv", _dir.File(Path.Combine("x", "1_trade.csv"))], TickFormat.Auto);

        Assert.Equal([_dir.Path + "/x/1_trade.csv", _dir.Path + "/x/y/2_trade.csv"], list.Files);
        Assert.Equal(0, list.SkippedCount);
        Assert.Equal(1, list.Duplicates);
        Assert.EndsWith(", 1 named twice (read once)", list.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_SharedEquityFolder_EveryFileRead()
    {
        string tick = Path.Combine(SharedData.RequireTicks(), "lean", "equity", "usa", "tick");

        var (exit, output, error) = CliRunner.Run("convert", tick, "--out", _dir.File("equity.lltj"));

        // The README's rows of the seven equity zips (4 trade, ... 2 quote files with one ignored leading row each).
        Assert.True(exit == 0, error);
        Assert.Contains("converted 1,425,884 rows from 7 input(s)", output, StringComparison.Ordinal);
        Assert.Contains("inputs 7 file(s) from 1 folder(s)/glob(s), 0 not tick files by extension (left out), 0 unrecognised (skipped)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_SharedTradeGlob_SixFilesEveryTrade()
    {
        string glob = SharedData.RequireTicks() + "/**/*_trade.zip";

        var (exit, output, error) = CliRunner.Run("replay", glob);

        // README trades: SPY 250,601 + 451,545, AIG 25,351, BAC 88,172, IBM 24,293, GC 40,192.
        Assert.True(exit == 0, error);
        Assert.Contains("replay: 6 file(s) from 1 folder(s)/glob(s)", output, StringComparison.Ordinal);
        Assert.Matches(@"replayed\s+880,154 events", output);
    }

    [Fact]
    public void Replay_FolderWithAnUnrecognisedTickExtension_SkippedReportedExitFour()
    {
        File.WriteAllText(_dir.File("ticks.csv"), Csv);
        File.WriteAllText(_dir.File("notes.txt"), "not a tick file\n");
        File.WriteAllText(_dir.File("README.md"), "# quietly left out\n");

        var (exit, output, error) = CliRunner.Run("replay", _dir.Path);

        Assert.Equal(4, exit);
        Assert.Matches(@"replayed\s+2 events", output);
        Assert.Contains("1 file(s) from 1 folder(s)/glob(s), 1 not tick files by extension (left out), 1 unrecognised (skipped)", output, StringComparison.Ordinal);
        Assert.Contains("incomplete   " + _dir.File("notes.txt") + ": skipped, cannot tell the format", output, StringComparison.Ordinal);
        Assert.Contains("exit code 4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_FolderWithExtensionlessFilesAndAStrayZip_ExtensionlessLeftOutZipSkipped()
    {
        File.WriteAllText(_dir.File("ticks.csv"), Csv);
        File.WriteAllText(_dir.File("LICENSE"), "MIT\n");
        File.WriteAllText(_dir.File("Makefile"), "all:\n");
        File.WriteAllBytes(_dir.File("backup.zip"), [0x50, 0x4B, 0x05, 0x06, .. new byte[18]]); // an empty zip, not in LEAN layout

        TickInputList list = TickInputList.Expand([_dir.Path], TickFormat.Auto);

        Assert.Equal([_dir.File("ticks.csv")], list.Files);
        Assert.Equal(2, list.NotTickFiles);
        Assert.Equal(1, list.SkippedCount);
        string damage = Assert.Single(list.Skipped.Damage);
        Assert.StartsWith(_dir.File("backup.zip") + ": skipped, ", damage, StringComparison.Ordinal);
        Assert.Contains("expected <securityType>/<market>/tick/<ticker>/<YYYYMMDD>_<trade|quote>.zip", damage, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_FolderWithLicenseAndMakefile_CompleteExitZero()
    {
        File.WriteAllText(_dir.File("ticks.csv"), Csv);
        File.WriteAllText(_dir.File("LICENSE"), "MIT\n");
        File.WriteAllText(_dir.File("Makefile"), "all:\n");

        var (exit, output, error) = CliRunner.Run("replay", _dir.Path);

        Assert.True(exit == 0, error);
        Assert.Matches(@"replayed\s+2 events", output);
        Assert.Contains("replay: 1 file(s) from 1 folder(s)/glob(s), 2 not tick files by extension (left out), 0 unrecognised (skipped),", output, StringComparison.Ordinal);
        Assert.DoesNotContain("incomplete", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_ExtensionlessFileNamedExplicitly_Read()
    {
        File.WriteAllText(_dir.File("ticks"), Csv);

        var (exit, output, error) = CliRunner.Run("replay", _dir.File("ticks"));

        Assert.True(exit == 0, error);
        Assert.Matches(@"replayed\s+2 events", output);
    }

    [Fact]
    public void Replay_FolderWithAStrayZip_SkippedReportedExitFour()
    {
        File.WriteAllText(_dir.File("ticks.csv"), Csv);
        File.WriteAllBytes(_dir.File("backup.zip"), [0x50, 0x4B, 0x05, 0x06, .. new byte[18]]);

        var (exit, output, error) = CliRunner.Run("replay", _dir.Path);

        Assert.Equal(4, exit);
        Assert.Matches(@"replayed\s+2 events", output);
        Assert.Contains("1 file(s) from 1 folder(s)/glob(s), 0 not tick files by extension (left out), 1 unrecognised (skipped)", output, StringComparison.Ordinal);
        Assert.Contains("incomplete   " + _dir.File("backup.zip") + ": skipped, ", output, StringComparison.Ordinal);
        Assert.Contains("exit code 4", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("convert")]
    public void FileNamedTwice_ReadOnceAndCounted(string command)
    {
        string csv = _dir.File("a.csv");
        File.WriteAllText(csv, Csv);
        string[] extra = command == "convert" ? ["--out", _dir.File("out.lltj")] : [];

        var (exit, output, error) = CliRunner.Run([command, csv, csv, _dir.Path + "/*.csv", .. extra]);

        Assert.True(exit == 0, error);
        string inputs = command == "replay" ? "replay: 1 file(s)" : "inputs 1 file(s)";
        Assert.Contains(inputs + " from 1 folder(s)/glob(s), 0 not tick files by extension (left out), 0 unrecognised (skipped), 2 named twice (read once)", output, StringComparison.Ordinal);
        if (command == "replay")
        {
            Assert.Matches(@"replayed\s+2 events", output);
        }
        else
        {
            Assert.Contains("converted 2 rows from 1 input(s)", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("convert")]
    public void EmptyFolderOrGlob_OneLineNamingItExitTwo(string command)
    {
        Directory.CreateDirectory(_dir.File("empty"));
        File.WriteAllText(_dir.File("README.md"), "# not ticks\n");
        string[] extra = command == "convert" ? ["--out", _dir.File("out.lltj")] : [];

        var folder = CliRunner.Run([command, _dir.File("empty"), .. extra]);
        var glob = CliRunner.Run([command, _dir.Path + "/*.zip", .. extra]);
        var onlyReadme = CliRunner.Run([command, _dir.Path + "/*", .. extra]);

        Assert.Equal(2, folder.ExitCode);
        CliAssert.OneErrorLine($"error: inputs: '{_dir.File("empty")}': the folder holds no tick file.", folder.Error);
        Assert.Equal(2, glob.ExitCode);
        CliAssert.OneErrorLine($"error: inputs: '{_dir.Path}/*.zip': the glob matches no tick file.", glob.Error);
        Assert.Equal(2, onlyReadme.ExitCode);
        CliAssert.OneErrorLine($"error: inputs: '{_dir.Path}/*': the glob matches no tick file (1 other file(s), not tick files by their extension).", onlyReadme.Error);
        Assert.False(File.Exists(_dir.File("out.lltj")));
    }
}
