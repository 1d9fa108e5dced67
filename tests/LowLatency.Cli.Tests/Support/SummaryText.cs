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
}
