using LowLatency.Market.Trading;

namespace LowLatency.Market.Tests.Support;

/// <summary>
/// <see cref="PerformanceSummary"/>'s documented definitions written the plain way, in decimal, from nothing but the
/// fills (as the fills CSV shows them) and the equity points (as the equity CSV shows them): the reference the
/// engine's statistics are checked against.
/// </summary>
internal static class ReferencePerformance
{
    private const double YearNs = 365.25 * 86_400e9;

    /// <summary>Round trips of <paramref name="fills"/> (in order): a symbol's position leaves 0, then reaches or
    /// crosses it. PnL = Δ realized − the fees of its fills (a flipping fill's whole fee in the trip it closes).</summary>
    public static (long Count, long Wins, long HoldingNs) RoundTrips(IEnumerable<FillRow> fills)
    {
        var books = new Dictionary<string, (decimal Position, decimal Realized, decimal Fees)>();
        var open = new Dictionary<string, (long StartNs, decimal Realized, decimal Fees)>();
        long count = 0, wins = 0, holdingNs = 0;
        foreach (FillRow fill in fills)
        {
            (decimal before, decimal realizedBefore, decimal feesBefore) = books.GetValueOrDefault(fill.Symbol);
            decimal fees = feesBefore + fill.Fee;
            books[fill.Symbol] = (fill.PositionAfter, fill.RealizedAfter, fees);
            if (before == 0)
            {
                open[fill.Symbol] = (fill.TimestampNs, realizedBefore, feesBefore);
            }
            else if (fill.PositionAfter == 0 || Math.Sign(fill.PositionAfter) != Math.Sign(before))
            {
                (long startNs, decimal realizedStart, decimal feesStart) = open[fill.Symbol];
                decimal pnl = fill.RealizedAfter - realizedStart - (fees - feesStart);
                count++;
                wins += pnl > 0 ? 1 : 0;
                holdingNs += fill.TimestampNs - startNs;
                open[fill.Symbol] = (fill.TimestampNs, fill.RealizedAfter, fees); // a flip opens the next trip here
            }
        }

        return (count, wins, holdingNs);
    }

    /// <summary>Time with any position open: from a fill that leaves all-flat to the one that returns to it (or
    /// <paramref name="lastNs"/>, the last event, when a position is still open).</summary>
    public static long InMarketNs(IEnumerable<FillRow> fills, long lastNs)
    {
        var positions = new Dictionary<string, decimal>();
        long total = 0, sinceNs = 0;
        foreach (FillRow fill in fills)
        {
            int openBefore = positions.Values.Count(p => p != 0);
            positions[fill.Symbol] = fill.PositionAfter;
            int openAfter = positions.Values.Count(p => p != 0);
            if (openBefore == 0 && openAfter > 0)
            {
                sinceNs = fill.TimestampNs;
            }
            else if (openBefore > 0 && openAfter == 0)
            {
                total += fill.TimestampNs - sinceNs;
            }
        }

        return total + (positions.Values.Any(p => p != 0) ? lastNs - sinceNs : 0);
    }

    /// <summary>Each point's drawdown: the running max of 0 and the equity so far, minus its equity.</summary>
    public static decimal[] Drawdowns(IEnumerable<EquityRow> points)
    {
        decimal peak = 0;
        return [.. points.Select(p => (peak = Math.Max(peak, p.Equity)) - p.Equity)];
    }

    /// <summary>The largest drawdown in money, and the largest drawdown / (capital + peak then) in percent.</summary>
    public static (decimal Money, double Percent) MaxDrawdown(IReadOnlyList<EquityRow> points, decimal capital)
    {
        decimal peak = 0, money = 0, fraction = 0;
        foreach (EquityRow point in points)
        {
            peak = Math.Max(peak, point.Equity);
            money = Math.Max(money, peak - point.Equity);
            fraction = Math.Max(fraction, (peak - point.Equity) / (capital + peak));
        }

        return (money, (double)fraction * 100);
    }

    /// <summary>Returns r = (E_i − E_{i−1}) / (capital + E_{i−1}) of the interval points (E_0 = 0, the start); an
    /// interval whose basis capital + E_{i−1} is not positive has none, and no Sharpe ratio is defined after it.</summary>
    public static (double[] Returns, bool CapitalLost) IntervalReturns(IEnumerable<EquityRow> points, decimal capital)
    {
        var returns = new List<double>();
        bool lost = false;
        decimal previous = 0;
        foreach (EquityRow point in points.Where(p => p.Cause == EquityCause.Interval))
        {
            if (capital + previous > 0)
            {
                returns.Add((double)((point.Equity - previous) / (capital + previous)));
            }
            else
            {
                lost = true;
            }

            previous = point.Equity;
        }

        return ([.. returns], lost);
    }

    /// <summary>Mean / sample standard deviation (two passes) of the interval returns × √(intervals per 365.25 days);
    /// null with fewer than two returns, none varying or the capital lost.</summary>
    public static double? Sharpe(IEnumerable<EquityRow> points, decimal capital, long intervalNs)
    {
        (double[] returns, bool lost) = IntervalReturns(points, capital);
        if (returns.Length < 2 || lost)
        {
            return null;
        }

        double mean = returns.Average();
        double variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1);
        return variance == 0 ? null : mean / Math.Sqrt(variance) * Math.Sqrt(YearNs / intervalNs);
    }

    /// <summary>Asserts every statistic of <paramref name="actual"/> against the definitions applied to the run's fills
    /// and equity points; money exactly, ratios to 1e-9 relative (Sharpe) or closer.</summary>
    public static void AssertMatches(PerformanceSummary actual, IReadOnlyList<FillRow> fills, IReadOnlyList<EquityRow> points,
        decimal unrealized, in TradingOptions options, long firstNs, long lastNs)
    {
        decimal capital = options.StartingCapital.ToDecimal();
        decimal fees = fills.Sum(f => f.Fee);
        decimal realized = fills.GroupBy(f => f.Symbol).Sum(g => g.Last().RealizedAfter);
        Assert.Equal((realized + unrealized, fees, realized + unrealized - fees), (actual.GrossPnl, actual.Fees, actual.NetPnl));
        Assert.Equal((realized, unrealized), (actual.RealizedPnl, actual.UnrealizedPnl));
        Assert.Equal(fills.Sum(f => f.Quantity * f.Price), actual.Turnover);
        Assert.Equal((capital, firstNs, lastNs), (actual.StartingCapital, actual.FirstTimestampNs, actual.LastTimestampNs));

        Assert.Equal(Drawdowns(points), points.Select(p => p.Drawdown));
        (decimal maxDrawdown, double percent) = MaxDrawdown(points, capital);
        Assert.Equal(maxDrawdown, actual.MaxDrawdown);
        Assert.Equal(percent, actual.MaxDrawdownPercent, 1e-12 * percent);

        (long trips, long wins, long holdingNs) = RoundTrips(fills);
        Assert.Equal((trips, wins), (actual.RoundTrips, actual.WinningRoundTrips));
        Assert.Equal(trips == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(holdingNs / trips / 100), actual.AverageHolding);
        long inMarketNs = InMarketNs(fills, lastNs);
        Assert.Equal(lastNs > firstNs ? (double)inMarketNs / (lastNs - firstNs) : inMarketNs > 0 ? 1 : 0, actual.TimeInMarket);

        Assert.Equal(IntervalReturns(points, capital).Returns.Length, actual.Returns);
        AssertSharpe(Sharpe(points, capital, options.EquityIntervalNs), actual.Sharpe);
    }

    public static void AssertSharpe(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is double value)
        {
            Assert.Equal(value, actual!.Value, Math.Abs(value) * 1e-9);
        }
    }

    /// <summary>A fill as the fills CSV shows it.</summary>
    public readonly record struct FillRow(string Symbol, long TimestampNs, decimal Quantity, decimal Price, decimal Fee,
        decimal PositionAfter, decimal RealizedAfter)
    {
        public static FillRow Of(in Fill fill, SymbolTable symbols) =>
            new(symbols.GetName(fill.Symbol), fill.TimestampNs, fill.Quantity.ToDecimal(), fill.Price.ToDecimal(), fill.Fee,
                fill.PositionAfter.ToDecimal(), fill.RealizedPnlAfter);
    }

    /// <summary>An equity point as the equity CSV shows it.</summary>
    public readonly record struct EquityRow(long TimestampNs, EquityCause Cause, decimal Realized, decimal Fees, decimal Unrealized,
        decimal Drawdown)
    {
        public decimal Equity => Realized - Fees + Unrealized;

        public static EquityRow Of(in EquityPoint point) =>
            new(point.TimestampNs, point.Cause, point.Realized, point.Fees, point.Unrealized, point.Drawdown);
    }
}
