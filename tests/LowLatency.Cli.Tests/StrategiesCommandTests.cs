using LowLatency.Cli.Tests.Support;

namespace LowLatency.Cli.Tests;

public sealed class StrategiesCommandTests
{
    [Fact]
    public void Strategies_BuiltIns_ListsBothWithTheirParametersAndMarksTheDefault()
    {
        var (exit, output, error) = CliRunner.Run("strategies");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Dictionary<string, string[]> listed = StrategyListing.ParameterNames(output);
        Assert.Equal(["threshold (default)", "vwap-mean-reversion"], listed.Keys);
        Assert.Equal(["buy-below-bps", "sell-above-bps", "buy-below", "sell-above", "order-notional", "order-quantity", "max-orders"], listed["threshold (default)"]);
        Assert.Equal(["entry-bps", "exit-bps", "stop-bps", "order-notional", "order-quantity", "allow-short"], listed["vwap-mean-reversion"]);
        string[] lines = output.Split('\n');
        Assert.Contains("    buy-below-bps      buy when the price is this many bps under the fair price (whole number, default 5, 1 to 10_000)", lines);
        Assert.Contains("    buy-below          absolute buy level instead of buy-below-bps (decimal, default unset, 0.00000001 to 1000000000)", lines);
        Assert.Contains("    allow-short        also sell short over the fair price (true/false, default true)", lines);
        Assert.EndsWith("\nSet parameters with --strategy-param key=value (repeatable) or --strategy-settings file.json.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Strategies_DecimalDefault_ShownAsTyped()
    {
        // The default is shown the way a user would type it, like the range next to it.
        var (_, output, _) = CliRunner.Run("strategies");

        Assert.Contains(
            "    order-notional     money per order, turned into units at the current price (decimal, default 10000, 0.00000001 to 1000000000)",
            output.Split('\n'));
    }
}
