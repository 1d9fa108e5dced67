using System.Globalization;
using LowLatency.Cli.Tests.Support;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Cli.Tests;

/// <summary>The options every pipeline command takes besides the strategy: risk limits (<c>--max-notional</c>,
/// <c>--max-position</c>, <c>--max-order-quantity</c>), <c>--fill-latency</c>, costs (<c>--fee-bps</c>,
/// <c>--fee-per-unit</c>, <c>--slippage-bps</c>), <c>--capital</c>, <c>--equity-interval</c> and the outputs
/// (<c>--signals-out</c>, <c>--fills-out</c>, <c>--report</c>).</summary>
public sealed class PipelineCommandOptionsTests
{
    private const string AmountRule = "with at most 8 decimals.";
    private const string DurationRule = "is not a duration from 0 to 1h (examples: 0, 250us, 1ms, 30s).";
    private const string IntervalRule = "is not a duration from 0 to 24h (examples: 0, 250us, 1ms, 30s).";

    // Two trades of ABC as a CSV input.
    private const string TwoTicks = "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,10.6,100\n";

    [Theory]
    [InlineData("--max-notional", "5000.5")]
    [InlineData("--max-notional", "0")]
    [InlineData("--max-notional", "1_000_000")]
    [InlineData("--max-position", "100")]
    [InlineData("--max-order-quantity", "0.00000001")]
    [InlineData("--fill-latency", "250us")]
    [InlineData("--fill-latency", "1ms")]
    [InlineData("--fill-latency", "0")]
    [InlineData("--fee-bps", "0.5")]
    [InlineData("--fee-per-unit", "0.0035")]
    [InlineData("--slippage-bps", "10_000")]
    [InlineData("--capital", "0.00000001")]
    [InlineData("--equity-interval", "0")]
    [InlineData("--equity-interval", "24h")]
    public void PipelineOptions_ValidValue_RunSucceeds(string option, string value)
    {
        var (exit, output, error) = CliRunner.Run("run", "--events", "2000", option, value);

        Assert.True(exit == 0, output + error);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("--max-notional", "abc", "error: --max-notional: 'abc' is not a number from 0 to 90,000,000,000 " + AmountRule)]
    [InlineData("--max-notional", "-5", "error: --max-notional: '-5' is not a number from 0 to 90,000,000,000 " + AmountRule)]
    [InlineData("--max-notional", "90000000001", "error: --max-notional: '90000000001' is not a number from 0 to 90,000,000,000 " + AmountRule)]
    [InlineData("--max-position", "1e3", "error: --max-position: '1e3' is not a number from 0 to 1,000,000,000 " + AmountRule)]
    [InlineData("--max-order-quantity", "0.123456789", "error: --max-order-quantity: '0.123456789' is not a number from 0 to 1,000,000,000 " + AmountRule)]
    [InlineData("--fill-latency", "soon", "error: --fill-latency: 'soon' " + DurationRule)]
    [InlineData("--fill-latency", "-1ms", "error: --fill-latency: '-1ms' " + DurationRule)]
    [InlineData("--fill-latency", "2h", "error: --fill-latency: '2h' " + DurationRule)]
    [InlineData("--fill-latency", "1.5ns", "error: --fill-latency: '1.5ns' " + DurationRule)]
    [InlineData("--fill-latency", "99999999999999999999999999h", "error: --fill-latency: '99999999999999999999999999h' " + DurationRule)]
    [InlineData("--fee-bps", "abc", "error: --fee-bps: 'abc' is not a number from 0 to 10,000 " + AmountRule)]
    [InlineData("--fee-bps", "-0.5", "error: --fee-bps: '-0.5' is not a number from 0 to 10,000 " + AmountRule)]
    [InlineData("--fee-bps", "10000.1", "error: --fee-bps: '10000.1' is not a number from 0 to 10,000 " + AmountRule)]
    [InlineData("--fee-per-unit", "0.000000001", "error: --fee-per-unit: '0.000000001' is not a number from 0 to 1,000,000 " + AmountRule)]
    [InlineData("--fee-per-unit", "1e-3", "error: --fee-per-unit: '1e-3' is not a number from 0 to 1,000,000 " + AmountRule)]
    [InlineData("--slippage-bps", "five", "error: --slippage-bps: 'five' is not a number from 0 to 10,000 " + AmountRule)]
    [InlineData("--slippage-bps", "10001", "error: --slippage-bps: '10001' is not a number from 0 to 10,000 " + AmountRule)]
    [InlineData("--capital", "lots", "error: --capital: 'lots' is not a number from 0 to 90,000,000,000 " + AmountRule)]
    [InlineData("--capital", "-100", "error: --capital: '-100' is not a number from 0 to 90,000,000,000 " + AmountRule)]
    [InlineData("--capital", "0", "error: --capital: '0' must be above 0.")]
    [InlineData("--capital", "0.00", "error: --capital: '0.00' must be above 0.")]
    [InlineData("--capital", "0_000", "error: --capital: '0_000' must be above 0.")] // underscores group digits in every amount
    [InlineData("--equity-interval", "often", "error: --equity-interval: 'often' " + IntervalRule)]
    [InlineData("--equity-interval", "-1m", "error: --equity-interval: '-1m' " + IntervalRule)]
    [InlineData("--equity-interval", "25h", "error: --equity-interval: '25h' " + IntervalRule)]
    public void PipelineOptions_Garbage_ExitTwoWithOneErrorLineNamingTheOption(string option, string value, string expectedError)
    {
        var (exit, output, error) = CliRunner.Run("run", "--events", "1000", option, value);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine(expectedError, error);
    }

    [Theory]
    [InlineData(new[] { "--max-notional", "5000" }, "MaxNotional")] // an order is worth about 10,000
    [InlineData(new[] { "--max-order-quantity", "5", "--strategy-param", "order-quantity=10" }, "MaxOrderQuantity")]
    public void RiskLimit_BelowEveryOrder_SuppressesEveryIntentByThatReason(string[] options, string reason)
    {
        var (exit, output, error) = CliRunner.Run(["run", "--events", "20000", .. options]);

        Assert.True(exit == 0, output + error);
        Assert.Equal((0, 0, 0, 0, 0, 0), SummaryText.Orders(output));
        string suppressed = SummaryText.Suppressed(output);
        string count = suppressed[..suppressed.IndexOf(' ', StringComparison.Ordinal)];
        Assert.NotEqual("0", count);
        Assert.Equal($"{count} by the risk limits: {reason} {count}", suppressed);
    }

    [Fact]
    public void MaxPosition_BelowTheStrategysOwnLimit_PositionStaysWithinIt()
    {
        using var dir = new TempDirectory();
        // The strategy alone goes up to 5 orders of 10 either way; the engine stops it at 25 units, open orders included.
        var (exit, output, error) = CliRunner.Run("run", "--events", "20000", "--strategy-param", "order-quantity=10",
            "--max-position", "25", "--fills-out", dir.File("fills.csv"));

        Assert.True(exit == 0, output + error);
        Assert.Equal(20, CsvRows.MaxAbsolutePosition(dir.File("fills.csv")));
        Assert.Matches(@"^([1-9][0-9,]*) by the risk limits: MaxPosition \1$", SummaryText.Suppressed(output));
    }

    [Fact]
    public void FillLatency_OneMillisecond_EveryFillAtLeastThatLongAfterItsSignal()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");
        using var dir = new TempDirectory();

        long[] immediate = FillDelaysNs(dir, spy, "0");
        long[] delayed = FillDelaysNs(dir, spy, "1ms");

        Assert.Contains(immediate, delay => delay < 1_000_000); // without latency some fill is sooner
        Assert.NotEmpty(delayed);
        Assert.All(delayed, delay => Assert.True(delay >= 1_000_000, delay.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FillLatency_LongerThanTheRun_EveryOrderStillOpenAtTheEnd()
    {
        // The Classic model's 2,000 events are 1 ms apart: no event is an hour after any signal.
        var (exit, output, error) = CliRunner.Run("run", "--events", "2000", "--fill-latency", "1h");

        Assert.True(exit == 0, output + error);
        var orders = SummaryText.Orders(output);
        Assert.True(orders.Signals > 0);
        Assert.Equal(0, orders.Fills);
        Assert.Equal(orders.Signals, orders.Open);
    }

    [Fact]
    public void SignalsOut_SameFileAsFillsOut_ExitTwoNamingTheOption()
    {
        // Both writers would truncate and write the one file: the signals are lost under the fills.
        using var dir = new TempDirectory();
        string path = dir.File("orders.csv");

        var (exit, output, error) = CliRunner.Run("run", "--events", "1000", "--signals-out", path, "--fills-out", path);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine(null, error);
        Assert.StartsWith("error: --fills-out: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--signals-out")]
    [InlineData("--fills-out")]
    public void OrdersOut_TheReplayedInputFile_ExitTwoAndTheInputIsUntouched(string option)
    {
        // Today the input is truncated and replaced by the CSV header; a journal input (memory-mapped) even crashes
        // the process with an AccessViolationException, which is why this test uses a CSV input.
        using var dir = new TempDirectory();
        string ticks = dir.File("ticks.csv");
        File.WriteAllText(ticks, TwoTicks);

        var (exit, _, error) = CliRunner.Run("replay", ticks, option, ticks);

        Assert.Equal(TwoTicks, File.ReadAllText(ticks));
        Assert.Equal(2, exit);
        CliAssert.OneErrorLine(null, error);
        Assert.StartsWith($"error: {option}: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FeeBpsAndFeePerUnit_EveryFillPaysBpsOfItsNotionalPlusItsUnitsTimesThePerUnitFee()
    {
        using var dir = new TempDirectory();
        string fills = dir.File("fills.csv");

        var (exit, output, error) = CliRunner.Run("run", "--events", "20000", "--fee-bps", "0.5", "--fee-per-unit", "0.0035", "--fills-out", fills);

        // notional × 0.5 / 10^4 rounded half up to 10^-16, plus quantity × 0.0035: exact.
        Assert.True(exit == 0, output + error);
        var (_, rows) = CsvRows.Read(fills);
        Assert.NotEmpty(rows);
        Assert.All(rows, f =>
        {
            decimal quantity = CsvRows.Number(f["quantity"]), price = CsvRows.Number(f["price"]);
            Assert.Equal(Math.Round(quantity * price * 0.5m / 10_000, 16, MidpointRounding.AwayFromZero) + (quantity * 0.0035m), CsvRows.Number(f["fee"]));
        });
        decimal fees = rows.Sum(f => CsvRows.Number(f["fee"]));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $" − fees {fees:N2}; "), output, StringComparison.Ordinal);
    }

    [Fact]
    public void SlippageBps_Ten_SameFillsEachPricedTenBpsWorseRoundedAgainstTheOrder()
    {
        using var dir = new TempDirectory();
        string plain = dir.File("plain.csv"), slipped = dir.File("slipped.csv");

        var without = CliRunner.Run("run", "--events", "20000", "--seed", "5", "--fills-out", plain);
        var with = CliRunner.Run("run", "--events", "20000", "--seed", "5", "--fills-out", slipped, "--slippage-bps", "10");

        // Slippage changes prices, not decisions: the same fills, each 10 bps (rounded up to 10^-8) against its side.
        Assert.True(without.ExitCode == 0 && with.ExitCode == 0, without.Error + with.Error);
        var (_, expected) = CsvRows.Read(plain);
        var (_, actual) = CsvRows.Read(slipped);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(f => (f["sequence"], f["side"], f["quantity"])), actual.Select(f => (f["sequence"], f["side"], f["quantity"])));
        foreach (var (before, after) in expected.Zip(actual))
        {
            decimal price = CsvRows.Number(before["price"]);
            decimal slip = Math.Ceiling(price * 10 / 10_000 * 100_000_000) / 100_000_000;
            Assert.Equal(before["side"] == "buy" ? price + slip : price - slip, CsvRows.Number(after["price"]));
        }
    }

    [Fact]
    public void Report_AnExistingFile_ExitTwoAndTheFileIsUntouched()
    {
        using var dir = new TempDirectory();
        string file = dir.File("notes.txt");
        File.WriteAllText(file, "keep me");

        var (exit, output, error) = CliRunner.Run("run", "--events", "1000", "--report", file);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine($"error: --report: '{file}' is a file; give a folder (it is created if missing).", error);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("fills.csv")]
    [InlineData("sub/../fills.csv")]
    public void Report_FillsOutIntoTheReportsFillsCsv_ExitTwoNamingBoth(string fillsOut)
    {
        using var dir = new TempDirectory();
        string report = dir.File("report");

        var (exit, output, error) = CliRunner.Run("run", "--events", "1000", "--report", report, "--fills-out", Path.Combine(report, fillsOut));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine($"error: --report: '{Path.Combine(report, "fills.csv")}' is also written for --fills-out; give each its own file.", error);
        Assert.False(Directory.Exists(report));
    }

    [Theory]
    [InlineData("fills.csv", false)]
    [InlineData("equity.csv", false)]
    [InlineData("fills.csv", true)]
    public void Report_FolderHoldingTheInputUnderAReportName_ExitTwoAndTheInputIsUntouched(string name, bool viaLink)
    {
        using var dir = new TempDirectory();
        string ticks = dir.File(name);
        File.WriteAllText(ticks, TwoTicks);
        string input = ticks;
        if (viaLink)
        {
            input = dir.File("elsewhere.csv");
            File.CreateSymbolicLink(input, ticks);
        }

        var (exit, _, error) = CliRunner.Run("replay", input, "--report", dir.Path);

        Assert.Equal(2, exit);
        CliAssert.OneErrorLine(viaLink
            ? $"error: --report: '{ticks}' is the same file as the input '{input}' (a link); it would be overwritten."
            : $"error: --report: '{input}' is an input; it would be overwritten.", error);
        Assert.Equal(TwoTicks, File.ReadAllText(ticks));
    }

    [Fact]
    public void Report_FolderHoldingTheInputUnderAnotherName_ReportWrittenBesideIt()
    {
        using var dir = new TempDirectory();
        string ticks = dir.File("ticks.csv");
        File.WriteAllText(ticks, TwoTicks);

        var (exit, output, error) = CliRunner.Run("replay", ticks, "--report", dir.Path);

        Assert.True(exit == 0, output + error);
        Assert.Equal(TwoTicks, File.ReadAllText(ticks));
        string[] files = [.. ReportFolder.Files, "ticks.csv"];
        Assert.Equal(files, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>For each fill of a replay with <c>--fill-latency</c> <paramref name="latency"/>: its timestamp minus its signal's.</summary>
    private static long[] FillDelaysNs(TempDirectory dir, string input, string latency)
    {
        string signalsPath = dir.File($"signals-{latency}.csv"), fillsPath = dir.File($"fills-{latency}.csv");
        var (exit, output, error) = CliRunner.Run("replay", input, "--fill-latency", latency, "--signals-out", signalsPath, "--fills-out", fillsPath);
        Assert.True(exit == 0, output + error);
        Dictionary<string, long> signalTimes = CsvRows.Read(signalsPath).Rows.ToDictionary(s => s["sequence"], s => long.Parse(s["timestamp_ns"], CultureInfo.InvariantCulture));
        return [.. CsvRows.Read(fillsPath).Rows.Select(f => long.Parse(f["timestamp_ns"], CultureInfo.InvariantCulture) - signalTimes[f["signal_sequence"]])];
    }
}
