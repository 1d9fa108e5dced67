using System.Globalization;
using System.Text.RegularExpressions;
using LowLatency.Cli.Tests.Support;
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
        string replayTrading = SummaryText.TradingSection(replay.Output);
        Assert.Contains("first 10 of ", replayTrading, StringComparison.Ordinal);
        Assert.Equal(SummaryText.TradingSection(run.Output), replayTrading);
    }

    [Fact]
    public void Replay_SignalsAndFillsOut_ByteIdenticalTwiceAndAcrossWaitStrategies()
    {
        using var dir = new TempDirectory();
        string journal = dir.File("gen.lltj");
        Assert.Equal(0, CliRunner.Run("record", "--out", journal, "--events", "30000", "--seed", "3").ExitCode);

        var (_, signals, fills) = ReplayDeterministically(dir, journal, "Blocking");

        Assert.True(signals.Count > 100, $"{signals.Count} signals");
        Assert.True(fills.Count > 100, $"{fills.Count} fills");
        Assert.All(signals, s => Assert.Equal("market", s["type"]));
        Assert.All(signals, s => Assert.Equal(s["side"] == "buy" ? "below_buy_level" : "above_sell_level", s["reason"]));
    }

    [Fact]
    public void Replay_SpyDayWithOutputs_DeterministicAndEveryFillFollowsItsSignal()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");
        using var dir = new TempDirectory();

        var (output, signals, fills) = ReplayDeterministically(dir, spy, "Yielding");

        // README: 451,545 trades. Average-price and other off-market prints are flagged and filtered, nothing else.
        Assert.Matches(@"replayed\s+451,545 events", output);
        var (accepted, filtered) = SummaryText.Filter(output);
        Assert.Equal(451_545, accepted + filtered);
        Assert.True(filtered > 0);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"\n  {"OffMarketPrint",-22} {filtered,12:N0}\n"), output, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"strategy     threshold: saw {accepted:N0} trades and 0 quotes\n"), output, StringComparison.Ordinal);

        // A fill is its signal's order, on a later event of the symbol; each order fills once.
        Assert.NotEmpty(fills);
        Dictionary<string, Dictionary<string, string>> signalBySequence = signals.ToDictionary(s => s["sequence"]);
        decimal position = 0;
        foreach (Dictionary<string, string> fill in fills)
        {
            Assert.True(signalBySequence.TryGetValue(fill["signal_sequence"], out Dictionary<string, string>? signal), fill["signal_sequence"]);
            Assert.Equal((signal["symbol"], signal["side"], signal["quantity"], signal["reason"]), (fill["symbol"], fill["side"], fill["quantity"], fill["reason"]));
            Assert.True(CsvRows.Number(signal["sequence"]) < CsvRows.Number(fill["sequence"]), $"signal {signal["sequence"]}, fill {fill["sequence"]}");
            Assert.True(CsvRows.Number(signal["timestamp_ns"]) <= CsvRows.Number(fill["timestamp_ns"]));
            position += (fill["side"] == "buy" ? 1 : -1) * CsvRows.Number(fill["quantity"]);
            Assert.Equal(position, CsvRows.Number(fill["position_after"]));
            Assert.Equal("0", fill["fee"]); // no --fee-bps, --fee-per-unit
            long ns = long.Parse(fill["timestamp_ns"], CultureInfo.InvariantCulture);
            Assert.Equal(DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), fill["time"]);
        }

        Assert.Equal(fills.Count, fills.Select(f => f["signal_sequence"]).Distinct().Count());
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
        Assert.Contains("outside --from/--to 6,000, not in --symbols 0", replay.Output, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("threaded", "topology threaded")]
    [InlineData("auto", "topology auto on [0-9]+ cores?")]
    public void Replay_Topology_SummaryNamesTheStageThreads(string topology, string expected)
    {
        using var dir = new TempDirectory();
        string journal = dir.File("gen.lltj");
        Assert.Equal(0, CliRunner.Run("record", "--out", journal, "--events", "2000").ExitCode);

        var replay = CliRunner.Run("replay", journal, "--topology", topology);

        Assert.True(replay.ExitCode == 0, replay.Output + replay.Error);
        Assert.Matches(@"\nstages: [^\n]*\(filter[^\n]*strategy\), " + expected + "\n", replay.Output);
        Assert.Matches(@"\nlatency      ingest -> strategy: p50 ", replay.Output);
    }

    [Fact]
    public void Replay_PacedAtRecordedSpeed_ProgressAndSummaryShowTheRealRate()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");

        // 7 s of the open at 1x: one progress line after 5 s (standard error is not a console here), about a hundred
        // events a second, which an M events/s figure would show as 0.00.
        var (exit, output, error) = CliRunner.Run("replay", spy, "--speed", "1x", "--from", "2013-10-08T13:30:00Z", "--to", "2013-10-08T13:30:07Z");

        Assert.True(exit == 0, output + error);
        Match progress = ProgressLine().Match(error);
        Assert.True(progress.Success, error);
        double published = (double)SummaryText.Decimal(progress.Groups[1].Value), rate = RateOf(progress.Groups[2].Value);
        // The first line's rate is its events over the >= 5 s since the start, as shown (3 significant digits).
        Assert.True(rate > 0 && rate <= (published / 5 * 1.005) + 0.5, progress.Value);
        Assert.True(rate >= published / 10, progress.Value);
        Match replayed = ReplayedLine().Match(output);
        Assert.True(replayed.Success, output);
        double events = (double)SummaryText.Decimal(replayed.Groups[1].Value), seconds = double.Parse(replayed.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(seconds >= TimeSpan.Parse(replayed.Groups[4].Value, CultureInfo.InvariantCulture).TotalSeconds, replayed.Value); // paced
        Assert.Equal(events / seconds, RateOf(replayed.Groups[3].Value), Math.Max(0.6, events / seconds * 0.006));
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

        Assert.Equal(ExitCodes.IncompleteInput, exit); // skipped rows: complete run, incomplete input
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

        var (exit, output, error) = CliRunner.Run("replay", csv, "--symbol-capacity", "1024");

        Assert.Equal(1, exit);
        Assert.StartsWith("error: the symbol table is full: its capacity of 1,024 symbols", error, StringComparison.Ordinal);
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
        string aig = SharedData.RequireTickFile("lean/equity/usa/tick/aig/20131007_trade.zip");
        string ibm = SharedData.RequireTickFile("lean/equity/usa/tick/ibm/20131007_trade.zip");
        string btc = SharedData.RequireTickFile("hftbacktest/spot/btcusdt_20240808.gz");

        var (exit, output, _) = CliRunner.Run("replay", aig, ibm, btc);

        // README: AIG 25,351 trades, IBM 24,293 trades; BTCUSDT 9,757 trades + 28,040 bookTicker quotes.
        const int expected = 25_351 + 24_293 + 9_757 + 28_040;
        Assert.Equal(0, exit);
        Assert.Matches($@"replayed\s+{expected:N0} events", output);
        Assert.Matches($@"strategy\s+{expected:N0}\s+0", output);
        Assert.Contains("AIG", output, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT", output, StringComparison.Ordinal);
    }

    /// <summary>Events per second as ProgressReporter.Rate shows them ("8", "12.5 k", "4.27 M").</summary>
    private static double RateOf(string shown)
    {
        string[] parts = shown.Split(' ');
        return (double)SummaryText.Decimal(parts[0]) * (parts.Length == 1 ? 1 : parts[1] == "k" ? 1e3 : 1e6);
    }

    [GeneratedRegex(@"^progress: ([0-9,]+) events, ([0-9.,]+(?: [kM])?) events/s, recorded time 2013-10-08 13:30:0[0-6]\.[0-9]{7}Z$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^replayed +([0-9,]+) events in ([0-9.]+) s = ([0-9.,]+(?: [kM])?) events/s\nrecorded +.* \(([0-9.:]+) covered\)$", RegexOptions.Multiline)]
    private static partial Regex ReplayedLine();

    /// <summary>Replays <paramref name="input"/> twice with the default wait strategy and once with
    /// <paramref name="otherWait"/>, writing signals and fills: the files must be byte-identical, their rows what the
    /// summary counts, and the trading summaries equal. Returns the first run's output and rows.</summary>
    private static (string Output, List<Dictionary<string, string>> Signals, List<Dictionary<string, string>> Fills) ReplayDeterministically(
        TempDirectory dir, string input, string otherWait)
    {
        string[] outputs = new string[3];
        for (int run = 0; run < outputs.Length; run++)
        {
            string[] wait = run == 2 ? ["--wait", otherWait] : [];
            var (exit, output, error) = CliRunner.Run(["replay", input, "--signals-out", dir.File($"signals{run}.csv"), "--fills-out", dir.File($"fills{run}.csv"), .. wait]);
            Assert.True(exit == 0, output + error);
            outputs[run] = output;
        }

        foreach (string name in (string[])["signals", "fills"])
        {
            byte[] first = File.ReadAllBytes(dir.File(name + "0.csv"));
            Assert.Equal(first, File.ReadAllBytes(dir.File(name + "1.csv")));
            Assert.Equal(first, File.ReadAllBytes(dir.File(name + "2.csv")));
        }

        var (signalHeader, signals) = CsvRows.Read(dir.File("signals0.csv"));
        var (fillHeader, fills) = CsvRows.Read(dir.File("fills0.csv"));
        Assert.Equal("sequence,timestamp_ns,symbol,side,type,quantity,price,reason", signalHeader);
        Assert.Equal("sequence,timestamp_ns,time,symbol,side,quantity,price,fee,position_after,realized_pnl_after,signal_sequence,reason", fillHeader);
        var orders = SummaryText.Orders(outputs[0]);
        Assert.Equal(orders.Signals, signals.Count);
        Assert.Equal(orders.Fills, fills.Count);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"signals-out  {signals.Count:N0} signals written\n"), outputs[2], StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"fills-out    {fills.Count:N0} fills written\n"), outputs[2], StringComparison.Ordinal);
        Assert.Equal(SummaryText.TradingSection(outputs[0]), SummaryText.TradingSection(outputs[2]));
        return (outputs[0], signals, fills);
    }

    [Fact]
    public void Replay_FromTo_PublishedAndOutsideExactAgainstAFullRead()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");
        string aig = SharedData.RequireTickFile("lean/equity/usa/tick/aig/20131007_trade.zip");
        DateTime from = new(2013, 10, 7, 19, 0, 0, DateTimeKind.Utc), to = new(2013, 10, 8, 13, 30, 0, DateTimeKind.Utc);
        (long inside, long outside) = TickReference.Count([spy, aig], from, to);

        var (exit, output, error) = CliRunner.Run("replay", spy, aig, "--from", "2013-10-07T19:00:00Z", "--to", "2013-10-08T13:30:00Z");

        Assert.True(exit == 0, error);
        Assert.True(inside > 0 && outside > 0);
        Assert.Matches($@"replayed\s+{inside:N0} events", output);
        Assert.Contains($"outside --from/--to {outside:N0}, not in --symbols 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_DateAloneWindow_FilesOfOtherDaysLeftUnread()
    {
        string spy7 = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131007_trade.zip");
        string eurusd = SharedData.RequireTickFile("lean/forex/oanda/tick/eurusd/20140501_quote.zip");

        var (exit, output, error) = CliRunner.Run("replay", spy7, eurusd, "--from", "2014-05-01", "--to", "2014-05-02");

        // The OANDA day is UTC: all 24,179 rows (README) are inside; the 2013 SPY file is not opened at all.
        Assert.True(exit == 0, error);
        Assert.Matches(@"replayed\s+24,179 events", output);
        Assert.Contains("outside --from/--to 0 + 1 file(s) left unread by their date", output, StringComparison.Ordinal);
    }
}
