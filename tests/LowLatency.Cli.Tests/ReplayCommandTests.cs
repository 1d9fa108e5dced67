using System.Text.RegularExpressions;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Cli.Tests;

public sealed partial class ReplayCommandTests
{
    [Fact]
    public void RecordThenReplay_SameSeed_ExactEventsAndSameSignalsAsRun()
    {
        using var dir = new TempDirectory();
        string journal = dir.File("gen.lltj");

        var record = CliRunner.Run("record", "--out", journal, "--events", "40000", "--seed", "9", "--model", "RandomWalk");
        var replay = CliRunner.Run("replay", journal);
        var run = CliRunner.Run("run", "--events", "40000", "--seed", "9", "--model", "RandomWalk");

        Assert.Equal(0, record.ExitCode);
        Assert.Contains("recorded 40,000 events", record.Output, StringComparison.Ordinal);
        Assert.Equal(0, replay.ExitCode);
        Assert.Matches(@"replayed\s+40,000 events", replay.Output);
        Assert.Matches(@"strategy\s+40,000\s+0", replay.Output);
        Assert.Equal(0, run.ExitCode);
        string replaySignals = SignalSection(replay.Output);
        Assert.NotEmpty(replaySignals);
        Assert.Equal(SignalSection(run.Output), replaySignals);
    }

    [Fact]
    public void Replay_SignalsOut_ByteIdenticalTwiceAndAcrossWaitStrategies()
    {
        using var dir = new TempDirectory();
        string journal = dir.File("gen.lltj");
        Assert.Equal(0, CliRunner.Run("record", "--out", journal, "--events", "30000", "--seed", "3").ExitCode);

        Assert.Equal(0, CliRunner.Run("replay", journal, "--signals-out", dir.File("a.csv")).ExitCode);
        Assert.Equal(0, CliRunner.Run("replay", journal, "--signals-out", dir.File("b.csv")).ExitCode);
        var blocking = CliRunner.Run("replay", journal, "--signals-out", dir.File("c.csv"), "--wait", "Blocking");

        byte[] a = File.ReadAllBytes(dir.File("a.csv"));
        Assert.True(a.Length > 1000);
        Assert.Equal(a, File.ReadAllBytes(dir.File("b.csv")));
        Assert.Equal(a, File.ReadAllBytes(dir.File("c.csv")));
        int rows = File.ReadAllLines(dir.File("a.csv")).Length - 1;
        Assert.Contains($"signals-out  {rows:N0} signals written", blocking.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_WindowAndSymbols_ReplaysOnlyTheSelection()
    {
        using var dir = new TempDirectory();
        string journal = dir.File("gen.lltj");
        // 10 000 events 1 ms apart from 2024-01-02T14:30:00Z: the window holds events 2 000 .. 5 999.
        Assert.Equal(0, CliRunner.Run("record", "--out", journal, "--events", "10000", "--symbols", "AAA").ExitCode);

        var replay = CliRunner.Run("replay", journal, "--from", "2024-01-02T14:30:02Z", "--to", "2024-01-02T14:30:06Z", "--symbols", "AAA");

        Assert.Equal(0, replay.ExitCode);
        Assert.Matches(@"replayed\s+4,000 events", replay.Output);
        Assert.Contains("outside --from/--to/--symbols 2,000", replay.Output, StringComparison.Ordinal);
        Assert.Contains("2024-01-02 14:30:02.0000000Z .. 2024-01-02 14:30:05.9990000Z", replay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_AtTenTimesRecordedPace_Completes()
    {
        using var dir = new TempDirectory();
        string journal = dir.File("gen.lltj");
        Assert.Equal(0, CliRunner.Run("record", "--out", journal, "--events", "200").ExitCode); // 199 ms recorded

        var replay = CliRunner.Run("replay", journal, "--speed", "10x");

        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("speed 10x", replay.Output, StringComparison.Ordinal);
        Assert.Matches(@"replayed\s+200 events", replay.Output);
    }

    [Fact]
    public void Replay_MalformedCsvRow_ExitThreeNamingFileLineColumnAndText()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllText(csv, "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,10.x,100\n1700000000002,ABC,10.6,100\n");

        var (exit, output, error) = CliRunner.Run("replay", csv);

        Assert.Equal(3, exit);
        Assert.Contains("ticks.csv:3", error, StringComparison.Ordinal);
        Assert.Contains("price", error, StringComparison.Ordinal);
        Assert.Contains("10.x", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Matches(@"replayed\s+1 events", output); // the good row before the bad one went through
    }

    [Fact]
    public void Replay_SkipBadRows_CountsThemAndSucceeds()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllText(csv, "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,10.x,100\n1700000000002,ABC,10.6,100\n");

        var (exit, output, _) = CliRunner.Run("replay", csv, "--skip-bad-rows");

        Assert.Equal(0, exit);
        Assert.Matches(@"replayed\s+2 events", output);
        Assert.Contains("bad rows skipped 1", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.csv", "file not found")]
    [InlineData("noise.bin", "cannot tell the format")]
    [InlineData("broken.zip", "broken.zip")]
    public void Replay_UnusableInput_OneLineExitThree(string name, string expected)
    {
        using var dir = new TempDirectory();
        if (name != "missing.csv")
        {
            File.WriteAllBytes(dir.File(name), name.EndsWith(".zip", StringComparison.Ordinal) ? "PK\u0003\u0004 not really a zip"u8.ToArray() : [1, 2, 3, 0, 0, 7]);
        }

        var (exit, output, error) = CliRunner.Run("replay", dir.File(name));

        Assert.Equal(3, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("--speed", "fast")]
    [InlineData("--speed", "0x")]
    [InlineData("--from", "yesterday")]
    [InlineData("--to", "2300-01-01T00:00:00Z")]
    public void Replay_InvalidOption_ExitTwoNamingIt(string option, string value)
    {
        var (exit, _, error) = CliRunner.Run("replay", "whatever.lltj", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(option, error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_MoreSymbolsThanTheTableHolds_OneLineErrorAndSummaryOfWhatWasProcessed()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("many.csv");
        using (var writer = new StreamWriter(csv))
        {
            writer.WriteLine("timestamp,symbol,price,size");
            for (int i = 0; i < 1_100; i++)
            {
                writer.WriteLine($"{1_700_000_000_000 + i},S{i},10.5,100");
            }
        }

        var (exit, output, error) = CliRunner.Run("replay", csv);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: InvalidOperationException: SymbolTable is full", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Matches(@"strategy\s+1,02\d\s+0", output); // the rows before the 1 025th symbol were processed
    }

    [Fact]
    public void Replay_FromAfterTo_ExitTwo()
    {
        var (exit, _, error) = CliRunner.Run("replay", "whatever.lltj", "--from", "2024-01-02T00:00:01Z", "--to", "2024-01-02T00:00:00Z");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: --from", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_SharedLeanAndBinanceSamples_MergedAndAllProcessed()
    {
        string ticks = SharedData.RequireTicks();
        string aig = Path.Combine(ticks, "lean", "equity", "usa", "tick", "aig", "20131007_trade.zip");
        string ibm = Path.Combine(ticks, "lean", "equity", "usa", "tick", "ibm", "20131007_trade.zip");
        string btc = Path.Combine(ticks, "hftbacktest", "spot", "btcusdt_20240808.gz");

        var (exit, output, _) = CliRunner.Run("replay", aig, ibm, btc);

        // README: AIG 25,351 trades, IBM 24,293 trades; BTCUSDT 9,757 trades + 28,040 bookTicker quotes.
        const int expected = 25_351 + 24_293 + 9_757 + 28_040;
        Assert.Equal(0, exit);
        Assert.Matches($@"replayed\s+{expected:N0} events", output);
        Assert.Matches($@"strategy\s+{expected:N0}\s+0", output);
        Assert.Contains("AIG", output, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT", output, StringComparison.Ordinal);
    }

    // The part of the summary that depends only on the events: signals by symbol and side, PnL, first signals.
    private static string SignalSection(string output)
    {
        Match m = SignalsRegex().Match(output);
        return m.Success ? m.Value : "";
    }

    [GeneratedRegex(@"\nsignals .*", RegexOptions.Singleline)]
    private static partial Regex SignalsRegex();
}
