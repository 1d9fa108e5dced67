using LowLatency.Cli.Tests.Support;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Tests;

/// <summary>A user's own console program: the command line with their strategy registered.</summary>
public sealed class CliAppTests : IDisposable
{
    // Six trades of ABC 1 ms apart at 10.0, 10.1, ..., 10.5 (ring sequences 0 to 5).
    private readonly TempDirectory _dir = new();
    private readonly string _ticks;

    public CliAppTests()
    {
        _ticks = _dir.File("abc.csv");
        File.WriteAllLines(_ticks, ["timestamp,symbol,price,size", .. Enumerable.Range(0, 6).Select(i => $"170000000000{i},ABC,10.{i},100")]);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AddStrategy_AsDefault_ReplayWithNoOtherArgumentRunsIt()
    {
        var (exit, output, error) = CliRunner.Run(UserApp(), "replay", _ticks);

        // Every 2nd trade: buy at sequence 1, filled on the next trade; sell at 3, filled at 4; buy at 5, still open.
        Assert.True(exit == 0, output + error);
        Assert.Contains(", strategy every-nth\n", output, StringComparison.Ordinal);
        Assert.Contains("\nstrategy     every-nth: saw 6 trades and 0 quotes\n", output, StringComparison.Ordinal);
        Assert.Equal((3, 2, 1, 2, 1, 0), SummaryText.Orders(output));
        Assert.Contains(
            """
            first 3 of 3 signals
              #1         2023-11-14 22:13:20.0010000Z  ABC      buy  1 market @ 10.1  nth_trade
              #3         2023-11-14 22:13:20.0030000Z  ABC      sell 1 market @ 10.3  nth_trade
              #5         2023-11-14 22:13:20.0050000Z  ABC      buy  1 market @ 10.5  nth_trade

            first 2 of 2 fills
              #2         2023-11-14 22:13:20.0020000Z  ABC      buy  1 @ 10.2  position 1, realized 0.00  (signal #1)
              #4         2023-11-14 22:13:20.0040000Z  ABC      sell 1 @ 10.4  position 0, realized 0.20  (signal #3)

            """,
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void AddStrategy_StrategyParam_ReachesTheUsersStrategy()
    {
        var (exit, output, error) = CliRunner.Run(UserApp(), "replay", _ticks, "--strategy-param", "every=3", "--strategy-param", "quantity=2.5");

        // Every 3rd trade: buy 2.5 at sequence 2, filled at 3; sell at 5, still open.
        Assert.True(exit == 0, output + error);
        Assert.Contains(", strategy every-nth (every=3, quantity=2.5)\n", output, StringComparison.Ordinal);
        Assert.Equal((2, 1, 1, 1, 1, 0), SummaryText.Orders(output));
        Assert.Contains("  #2         2023-11-14 22:13:20.0020000Z  ABC      buy  2.5 market @ 10.2  nth_trade\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStrategy_AsDefault_StrategyThresholdStillSelectsTheBuiltIn()
    {
        var (exit, output, error) = CliRunner.Run(UserApp(), "replay", _ticks, "--strategy", "threshold");

        Assert.True(exit == 0, output + error);
        Assert.Contains(", strategy threshold\n", output, StringComparison.Ordinal);
        Assert.Contains("\nstrategy     threshold: saw 6 trades and 0 quotes\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("nth_trade", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStrategy_AsDefault_StrategiesListsItFirstAsTheDefault()
    {
        var (exit, output, _) = CliRunner.Run(UserApp(), "strategies");

        Assert.Equal(0, exit);
        Dictionary<string, string[]> listed = StrategyListing.ParameterNames(output);
        Assert.Equal(["threshold", "vwap-mean-reversion", "every-nth (default)"], listed.Keys);
        Assert.Equal(["every", "quantity"], listed["every-nth (default)"]);
    }

    [Fact]
    public void AddStrategy_UnknownParameter_ExitTwoSuggestingTheUsersKey()
    {
        var (exit, output, error) = CliRunner.Run(UserApp(), "replay", _ticks, "--strategy-param", "evry=3");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine("error: --strategy-param evry: strategy 'every-nth' has no parameter 'evry' (it takes every, quantity); did you mean 'every'?", error);
    }

    [Fact]
    public void AddStrategy_UnderAnotherNameNotDefault_ChosenByThatNameOnly()
    {
        CliApp app = new CliApp().AddStrategy<EveryNthTradeStrategy>("Mine");

        var named = CliRunner.Run(app, "replay", _ticks, "--strategy", "mine");
        var unnamed = CliRunner.Run(app, "replay", _ticks);

        Assert.True(named.ExitCode == 0, named.Output + named.Error);
        Assert.Contains(", strategy Mine\n", named.Output, StringComparison.Ordinal);
        Assert.Equal((3, 2, 1, 2, 1, 0), SummaryText.Orders(named.Output));
        Assert.Contains(" market @ 10.1  nth_trade\n", named.Output, StringComparison.Ordinal);
        Assert.True(unnamed.ExitCode == 0, unnamed.Output + unnamed.Error);
        Assert.Contains("\nstrategy     threshold: saw 6 trades and 0 quotes\n", unnamed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStrategy_UnderAnotherName_SummaryNamesItAsRegistered()
    {
        // The run line, 'strategies' and --strategy know it as "Mine"; the summary should not call it something else.
        var (exit, output, error) = CliRunner.Run(new CliApp().AddStrategy<EveryNthTradeStrategy>("Mine"), "replay", _ticks, "--strategy", "mine");

        Assert.True(exit == 0, output + error);
        Assert.Contains("\nstrategy     Mine: saw 6 trades and 0 quotes\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStrategy_NameTaken_ThrowsNamingIt()
    {
        var app = new CliApp();

        var ex = Assert.Throws<ArgumentException>(() => app.AddStrategy<ThresholdStrategy>());

        Assert.StartsWith("A strategy named 'threshold' is registered already.", ex.Message, StringComparison.Ordinal);
    }

    private static CliApp UserApp() => new CliApp().AddStrategy<EveryNthTradeStrategy>(isDefault: true);
}
