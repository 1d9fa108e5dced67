using System.Globalization;
using System.Text.RegularExpressions;

namespace LowLatency.Cli.Tests.Support;

/// <summary>Reads the parts of a pipeline command's summary that tests compare.</summary>
internal static partial class SummaryText
{
    /// <summary>From the "strategy NAME: saw ..." line to the end: orders, suppressed intents, positions and PnL, the
    /// first signals and fills. It depends only on the events, not on timing.</summary>
    public static string TradingSection(string output)
    {
        Match m = TradingSectionRegex().Match(output);
        Assert.True(m.Success, output);
        return m.Value;
    }

    /// <summary>The counts of the "filter accepted N, filtered N" line.</summary>
    public static (long Accepted, long Filtered) Filter(string output)
    {
        Match m = FilterRegex().Match(output);
        Assert.True(m.Success, output);
        return (Number(m, 1), Number(m, 2));
    }

    /// <summary>The counts of the "orders ..." line.</summary>
    public static (long Signals, long Buys, long Sells, long Fills, long Open, long Unfilled) Orders(string output)
    {
        Match m = OrdersRegex().Match(output);
        Assert.True(m.Success, output);
        return (Number(m, 1), Number(m, 2), Number(m, 3), Number(m, 4), Number(m, 5), Number(m, 6));
    }

    /// <summary>What follows "suppressed": "0 by the risk limits" or "12 by the risk limits: MaxNotional 12".</summary>
    public static string Suppressed(string output)
    {
        Match m = SuppressedRegex().Match(output);
        Assert.True(m.Success, output);
        return m.Groups[1].Value;
    }

    /// <summary>The statistics block, by field: capital, net, gross, fees, realized, unrealized, drawdown,
    /// drawdownPercent, sharpe ("n/a" or a number), returns, interval, winRate, wins, trips, turnover, holding,
    /// holdingUnit, inMarket; each as printed.</summary>
    public static Dictionary<string, string> Statistics(string output)
    {
        Match m = StatisticsRegex().Match(output);
        Assert.True(m.Success, output);
        return m.Groups.Values.Skip(1).ToDictionary(g => g.Name, g => g.Value);
    }

    /// <summary>The fields of <paramref name="symbol"/>'s row of the market table (timestamps give two fields each).</summary>
    public static string[] MarketRow(string output, string symbol)
    {
        Match m = MarketTableRegex().Match(output);
        Assert.True(m.Success, output);
        string[][] rows = [.. m.Groups[1].Captures.Select(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        return Assert.Single(rows, row => row[0] == symbol);
    }

    /// <summary>A number as the summary prints it: invariant, optional sign, thousands separators and decimals.</summary>
    public static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static long Number(Match m, int group) =>
        long.Parse(m.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^strategy +\S+: saw .*", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TradingSectionRegex();

    [GeneratedRegex(@"^filter +accepted ([0-9,]+), filtered ([0-9,]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex FilterRegex();

    [GeneratedRegex(@"^orders +signals ([0-9,]+) \(buy ([0-9,]+), sell ([0-9,]+)\), fills ([0-9,]+), still open at the end ([0-9,]+), limit orders unfilled ([0-9,]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex OrdersRegex();

    [GeneratedRegex(@"^suppressed +(.*?)\r?$", RegexOptions.Multiline)]
    private static partial Regex SuppressedRegex();

    [GeneratedRegex("""
        ^statistics +money in the quote currency, exact; starting capital (?<capital>[-0-9,.]+)
          net PnL +(?<net>[-0-9,.]+)   \(gross (?<gross>[-0-9,.]+) − fees (?<fees>[-0-9,.]+); realized (?<realized>[-0-9,.]+), unrealized (?<unrealized>[-0-9,.]+)\)
          max drawdown +(?<drawdown>[0-9,.]+)   \((?<drawdownPercent>[0-9.]+) % of capital \+ peak equity\)
          Sharpe +(?<sharpe>-?[0-9.]+|n/a)   \((?<returns>[0-9,]+) returns, one per (?<interval>\S+) of exchange time, annualised by √\(intervals in 365.25 days\), risk-free 0\)
          win rate +(?<winRate>[0-9.]+) %   \((?<wins>[0-9,]+) of (?<trips>[0-9,]+) round trips positive after fees\)
          turnover +(?<turnover>[0-9,.]+)
          average holding +(?<holding>[0-9.]+) (?<holdingUnit>ms|s|min|h)
          time in market +(?<inMarket>[0-9.]+) %$
        """, RegexOptions.Multiline)]
    private static partial Regex StatisticsRegex();

    [GeneratedRegex(@"^market +accepted events per symbol; times are UTC\nsymbol +trades +quotes +volume +vwap +open +high +low +close +first event +last event +filtered\n(?:([^\n]+)\n)+", RegexOptions.Multiline)]
    private static partial Regex MarketTableRegex();
}
