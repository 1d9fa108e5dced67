using LowLatency.Cli.Tests.Support;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Cli.Tests;

public sealed class ConvertCommandTests
{
    [Fact]
    public void Convert_SharedSamples_JournalReplaysTheSameEvents()
    {
        string bac = SharedData.RequireTickFile("lean/equity/usa/tick/bac/20131007_trade.zip");
        string gc = SharedData.RequireTickFile("lean/future/comex/tick/gc/20131007_trade.zip");
        string usdjpy = SharedData.RequireTickFile("nautilus/truefx/usdjpy-ticks.csv");
        using var dir = new TempDirectory();
        string journal = dir.File("merged.lltj");

        var convert = CliRunner.Run("convert", bac, gc, usdjpy, "--out", journal);
        var replay = CliRunner.Run("replay", journal);

        // README: BAC 88,172 trades; GC 40,192 trades in 10 expiries; TrueFX 1,000 quotes.
        const int expected = 88_172 + 40_192 + 1_000;
        Assert.Equal(0, convert.ExitCode);
        Assert.Contains($"into {expected:N0} events", convert.Output, StringComparison.Ordinal);
        Assert.Contains("symbols 12", convert.Output, StringComparison.Ordinal); // BAC, 10 GC expiries, USDJPY
        Assert.Equal(0, replay.ExitCode);
        Assert.Matches($@"replayed\s+{expected:N0} events", replay.Output);
        Assert.Contains("NonPositiveSize", replay.Output, StringComparison.Ordinal); // GC's zero-quantity prints
    }

    [Fact]
    public void Convert_BadRow_ExitThreeAndLeavesExistingOutputUntouched()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllText(csv, "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,,100\n");
        string output = dir.File("out.lltj");
        File.WriteAllText(output, "previous contents");

        var (exit, _, error) = CliRunner.Run("convert", csv, "--out", output);

        Assert.Equal(3, exit);
        Assert.Contains("ticks.csv:3", error, StringComparison.Ordinal);
        Assert.Equal("previous contents", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(dir.Path, "*.lltj*", SearchOption.TopDirectoryOnly)); // no temp file left
    }

    [Fact]
    public void Convert_SkipBadRows_WritesTheGoodRows()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllText(csv, "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,,100\n1700000000002,ABC,10.7,5\n");

        var convert = CliRunner.Run("convert", csv, "--out", dir.File("out.lltj"), "--skip-bad-rows");
        var replay = CliRunner.Run("replay", dir.File("out.lltj"));

        Assert.Equal(ExitCodes.IncompleteInput, convert.ExitCode); // skipped rows: the journal holds the good ones
        Assert.Contains("bad rows skipped 1", convert.Output, StringComparison.Ordinal);
        Assert.Matches(@"replayed\s+2 events", replay.Output);
    }

    [Fact]
    public void Convert_MissingOutOption_ExitTwo()
    {
        var (exit, _, error) = CliRunner.Run("convert", "in.csv");

        Assert.Equal(2, exit);
        Assert.Contains("--out", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_OutDirectoryMissing_ExitTwoNamingOut()
    {
        var (exit, _, error) = CliRunner.Run("record", "--out", "/nonexistent-dir-lowlatency/x.lltj", "--events", "10");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: --out", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_FromTo_WrittenAndOutsideExactAgainstAFullRead()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131007_trade.zip");
        string bac = SharedData.RequireTickFile("lean/equity/usa/tick/bac/20131007_quote.zip");
        DateTime from = new(2013, 10, 7, 13, 30, 0, DateTimeKind.Utc), to = new(2013, 10, 7, 14, 0, 0, DateTimeKind.Utc);
        (long inside, long outside) = TickReference.Count([spy, bac], from, to);
        using var dir = new TempDirectory();
        string journal = dir.File("window.lltj");

        var convert = CliRunner.Run("convert", spy, bac, "--out", journal, "--from", "2013-10-07T13:30:00Z", "--to", "2013-10-07T14:00:00Z");

        Assert.True(convert.ExitCode == 0, convert.Error);
        Assert.Contains($"into {inside:N0} events", convert.Output, StringComparison.Ordinal);
        Assert.Contains($"outside --from/--to {outside:N0}", convert.Output, StringComparison.Ordinal);
        (long reread, long rereadOutside) = TickReference.Count([journal], from, to);
        Assert.Equal(inside, reread);
        Assert.Equal(0, rereadOutside);
    }

    [Fact]
    public void Convert_WindowAfterEveryLeanDay_NoFileOpenedEmptyJournal()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131007_trade.zip");
        using var dir = new TempDirectory();

        var convert = CliRunner.Run("convert", spy, "--out", dir.File("none.lltj"), "--from", "2013-10-09");

        Assert.True(convert.ExitCode == 0, convert.Error);
        Assert.Contains("converted 0 rows from 0 input(s) into 0 events", convert.Output, StringComparison.Ordinal);
        Assert.Contains("outside --from/--to 0 + 1 file(s) left unread by their date", convert.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2013-10-08", "--to", "2013-10-08")]
    [InlineData("--from", "2013-10-09", "--to", "2013-10-08T23:59:59Z")]
    public void Convert_FromNotBeforeTo_OneLineExitTwo(string fromOption, string fromValue, string toOption, string toValue)
    {
        using var dir = new TempDirectory();

        var (exit, output, error) = CliRunner.Run("convert", "whatever.zip", "--out", dir.File("x.lltj"), fromOption, fromValue, toOption, toValue);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine("error: --from: must be before --to.", error);
    }
}
