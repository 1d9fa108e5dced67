using System.Globalization;
using LowLatency.Market.Trading;

namespace LowLatency.Cli.Commands;

/// <summary>The statistics block: what the strategy's trades did to the book (definitions in the README).</summary>
internal static class PerformanceWriter
{
    public static void Write(TextWriter o, PerformanceSummary p, long equityIntervalNs)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Create(inv, $"statistics   money in the quote currency, exact; starting capital {p.StartingCapital:N2}"));
        o.WriteLine(string.Create(inv, $"  net PnL            {p.NetPnl,18:N2}   (gross {p.GrossPnl:N2} − fees {p.Fees:N2}; realized {p.RealizedPnl:N2}, unrealized {p.UnrealizedPnl:N2})"));
        o.WriteLine(string.Create(inv, $"  max drawdown       {p.MaxDrawdown,18:N2}   ({p.MaxDrawdownPercent:F3} % of capital + peak equity)"));
        string sharpe = p.Sharpe is { } s ? s.ToString("F2", inv) : "n/a";
        o.WriteLine(string.Create(inv,
            $"  Sharpe             {sharpe,18}   ({p.Returns:N0} returns, one per {Market.DurationText.Format(equityIntervalNs)} of exchange time, annualised by √(intervals in 365.25 days), risk-free 0)"));
        o.WriteLine(string.Create(inv, $"  win rate           {p.WinRate * 100,17:F1} %   ({p.WinningRoundTrips:N0} of {p.RoundTrips:N0} round trips positive after fees)"));
        o.WriteLine(string.Create(inv, $"  turnover           {p.Turnover,18:N2}"));
        o.WriteLine(string.Create(inv, $"  average holding    {Holding(p.AverageHolding),18}"));
        o.WriteLine(string.Create(inv, $"  time in market     {p.TimeInMarket * 100,17:F1} %"));
    }

    private static string Holding(TimeSpan t) => t.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F1} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F1} s"),
        < 7_200 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:F1} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:F1} h"),
    };
}
