using System.Globalization;
using LowLatency.Cli.Tests.Support;

namespace LowLatency.Cli.Tests;

/// <summary><c>--strategy</c>, <c>--strategy-param</c> and <c>--strategy-settings</c>, shared by every pipeline command.</summary>
public sealed class StrategyCommandOptionsTests
{
    private const string ThresholdKeys = "buy-below-bps, sell-above-bps, buy-below, sell-above, order-notional, order-quantity, max-orders";

    [Fact]
    public void StrategyParam_AbsoluteLevelsOnClassicGenerator_BuysUnderAndSellsOverThem()
    {
        using var dir = new TempDirectory();
        var (exit, output, error) = CliRunner.Run("run", "--events", "20000", "--strategy", "threshold",
            "--strategy-param", "buy-below=150", "--strategy-param", "sell-above=150", "--signals-out", dir.File("signals.csv"));

        Assert.True(exit == 0, output + error);
        Assert.Contains(", strategy threshold (buy-below=150, sell-above=150)\n", output, StringComparison.Ordinal);
        var (_, signals) = CsvRows.Read(dir.File("signals.csv"));
        Assert.Equal(SummaryText.Orders(output).Signals, signals.Count);
        Assert.Contains(signals, s => s["side"] == "buy");
        Assert.Contains(signals, s => s["side"] == "sell");
        // No quotes in the Classic model: a signal's price is the trade that crossed the level.
        Assert.All(signals, s => Assert.True(
            s["side"] == "buy" ? CsvRows.Number(s["price"]) < 150 && s["reason"] == "below_buy_level" : CsvRows.Number(s["price"]) > 150 && s["reason"] == "above_sell_level",
            string.Join(',', s.Values)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void StrategyParam_MaxOrders_PositionStaysWithinThatManyOrders(int maxOrders)
    {
        using var dir = new TempDirectory();
        var (exit, output, error) = CliRunner.Run("run", "--events", "20000", "--strategy-param", "order-quantity=10",
            "--strategy-param", "max-orders=" + maxOrders.ToString(CultureInfo.InvariantCulture), "--fills-out", dir.File("fills.csv"));

        Assert.True(exit == 0, output + error);
        Assert.Equal(10 * maxOrders, CsvRows.MaxAbsolutePosition(dir.File("fills.csv")));
    }

    [Fact]
    public void StrategySettings_FileValuesApplyAndStrategyParamOverridesThem()
    {
        using var dir = new TempDirectory();
        string settings = dir.File("threshold.json");
        File.WriteAllText(settings, """{"buy-below": 150, "sell-above": "150", "order-quantity": 10, "max-orders": 3}""");

        var (exit, output, error) = CliRunner.Run("run", "--events", "20000", "--strategy-settings", settings,
            "--strategy-param", "max-orders=1", "--signals-out", dir.File("signals.csv"), "--fills-out", dir.File("fills.csv"));

        Assert.True(exit == 0, output + error);
        Assert.Contains(", strategy threshold (buy-below=150, max-orders=1, order-quantity=10, sell-above=150)\n", output, StringComparison.Ordinal);
        Assert.Equal(10, CsvRows.MaxAbsolutePosition(dir.File("fills.csv"))); // max-orders=1 from the command line, not 3
        var (_, signals) = CsvRows.Read(dir.File("signals.csv"));
        Assert.NotEmpty(signals);
        Assert.All(signals, s => Assert.Equal("10", s["quantity"]));
        Assert.All(signals, s => Assert.True(s["side"] == "buy" ? CsvRows.Number(s["price"]) < 150 : CsvRows.Number(s["price"]) > 150, string.Join(',', s.Values)));
    }

    [Fact]
    public void StrategySettings_Utf8FileWithByteOrderMark_ValuesApply()
    {
        // Editors on Windows (and PowerShell 5's "Out-File -Encoding utf8") write a UTF-8 byte order mark.
        using var dir = new TempDirectory();
        string settings = dir.File("threshold.json");
        File.WriteAllText(settings, """{"max-orders": 2}""", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var (exit, output, error) = CliRunner.Run("run", "--events", "1000", "--strategy-settings", settings);

        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Contains(", strategy threshold (max-orders=2)\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Threshold", "threshold")]
    [InlineData("VWAP-Mean-Reversion", "vwap-mean-reversion")]
    [InlineData("vwap-mean-reversion", "vwap-mean-reversion")]
    public void Strategy_NameInAnyCase_RunsThatStrategy(string given, string expected)
    {
        var (exit, output, error) = CliRunner.Run("run", "--events", "1000", "--strategy", given);

        Assert.True(exit == 0, output + error);
        Assert.Contains($", strategy {expected}\n", output, StringComparison.Ordinal);
        Assert.Contains($"\nstrategy     {expected}: saw 1,000 trades and 0 quotes\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--strategy-param buy-below-bps=abc",
        "error: --strategy-param buy-below-bps: must be a whole number, 1 to 10_000 (got 'abc').")]
    [InlineData("--strategy-param buy-below-bps=0",
        "error: --strategy-param buy-below-bps: must be a whole number, 1 to 10_000 (got '0').")]
    [InlineData("--strategy-param buy-belw-bps=3",
        "error: --strategy-param buy-belw-bps: strategy 'threshold' has no parameter 'buy-belw-bps' (it takes " + ThresholdKeys + "); did you mean 'buy-below-bps'?")]
    [InlineData("--strategy-param buy-below-bps",
        "error: --strategy-param: 'buy-below-bps' is not key=value.")]
    [InlineData("--strategy-param =3",
        "error: --strategy-param: '=3' is not key=value.")]
    [InlineData("--strategy-param max-orders=1 --strategy-param MaxOrders=2",
        "error: --strategy-param MaxOrders: given twice (also as 'max-orders').")]
    [InlineData("--strategy nope",
        "error: --strategy: unknown strategy 'nope'; registered: threshold, vwap-mean-reversion.")]
    [InlineData("--strategy vwap-mean-reversion --strategy-param entry-bps=abc",
        "error: --strategy-param entry-bps: must be a whole number, 1 to 10_000 (got 'abc').")]
    [InlineData("--strategy vwap-mean-reversion --strategy-param buy-below-bps=3",
        "error: --strategy-param buy-below-bps: strategy 'vwap-mean-reversion' has no parameter 'buy-below-bps' (it takes entry-bps, exit-bps, stop-bps, order-notional, order-quantity, allow-short).")]
    public void StrategyOptions_Invalid_ExitTwoWithOneErrorLineNamingIt(string arguments, string expectedError)
    {
        var (exit, output, error) = CliRunner.Run(["run", "--events", "1000", .. arguments.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine(expectedError, error);
    }

    [Theory]
    [InlineData("replay missing.lltj")]
    [InlineData("bridge consume --brokers 127.0.0.1:9 --topic t --group g")]
    public void StrategyParam_UnknownKeyOnEveryPipelineCommand_ExitTwoBeforeAnythingRuns(string command)
    {
        var (exit, output, error) = CliRunner.Run([.. command.Split(' '), "--strategy-param", "buy-belw-bps=3"]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine(
            "error: --strategy-param buy-belw-bps: strategy 'threshold' has no parameter 'buy-belw-bps' (it takes " + ThresholdKeys + "); did you mean 'buy-below-bps'?",
            error);
    }

    [Theory]
    [InlineData("{not json", "error: --strategy-settings: '{file}' is not valid JSON: ")]
    [InlineData("[1, 2]", "error: --strategy-settings: '{file}' must hold a JSON object of parameters, e.g. {\"entry-bps\": 10}.")]
    [InlineData("{\"max-orders\": {\"value\": 1}}", "error: --strategy-settings: '{file}': parameter 'max-orders' must be a number, a string or true/false.")]
    [InlineData(null, "error: --strategy-settings: cannot read '{file}': ")]
    public void StrategySettings_UnusableFile_ExitTwoWithOneErrorLineNamingTheFile(string? content, string expectedStart)
    {
        using var dir = new TempDirectory();
        string settings = dir.File("settings.json");
        if (content is not null)
        {
            File.WriteAllText(settings, content);
        }

        var (exit, output, error) = CliRunner.Run("run", "--events", "1000", "--strategy-settings", settings);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine(null, error);
        Assert.StartsWith(expectedStart.Replace("{file}", settings, StringComparison.Ordinal), error, StringComparison.Ordinal);
    }

    [Fact]
    public void StrategySettings_ValueOutOfRange_ExitTwoNamingTheFileAndKey()
    {
        using var dir = new TempDirectory();
        string settings = dir.File("settings.json");
        File.WriteAllText(settings, """{"max-orders": 0}""");

        var (exit, output, error) = CliRunner.Run("run", "--events", "1000", "--strategy-settings", settings);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine($"error: --strategy-settings {settings}: max-orders: must be a whole number, 1 to 1_000_000 (got '0').", error);
    }
}
