namespace LowLatency.Market.Trading;

/// <summary>
/// The statistics of a run, from the engine's own books (see <see cref="TradingState.GetPerformance"/>). Money is exact
/// (decimal from Int128 fixed point); ratios are doubles.
/// </summary>
/// <param name="GrossPnl">Realized plus unrealized PnL at the final marks, before fees.</param>
/// <param name="Fees">Every fill's fee.</param>
/// <param name="NetPnl">Gross PnL minus fees: the equity at the end.</param>
/// <param name="RealizedPnl">Realized PnL before fees.</param>
/// <param name="UnrealizedPnl">Open positions at their final marks.</param>
/// <param name="MaxDrawdown">The largest fall of the equity curve from its running peak (money, ≥ 0).</param>
/// <param name="MaxDrawdownPercent">The largest such fall as a percentage of starting capital + that peak.</param>
/// <param name="Sharpe">Mean over standard deviation of the interval returns, annualised by √(intervals in a calendar
/// year of 365.25 days), risk-free rate 0; null with fewer than two returns, no variation, or once equity has lost the
/// whole starting capital (a return on nothing is undefined).</param>
/// <param name="Returns">Interval returns the Sharpe ratio is computed from.</param>
/// <param name="RoundTrips">Positions opened from flat and closed back to flat (or through it).</param>
/// <param name="WinningRoundTrips">Round trips whose PnL after their fills' fees is positive.</param>
/// <param name="Turnover">Σ |quantity × price| of every fill.</param>
/// <param name="AverageHolding">Mean time from a round trip's first fill to its last; zero without round trips.</param>
/// <param name="TimeInMarket">Share of the run (first to last event) with any position open, 0 to 1.</param>
/// <param name="StartingCapital">What the percentages and returns are measured against.</param>
/// <param name="FirstTimestampNs">The run's first accepted event (exchange time); long.MinValue when none.</param>
/// <param name="LastTimestampNs">The run's last accepted event.</param>
public sealed record PerformanceSummary(
    decimal GrossPnl,
    decimal Fees,
    decimal NetPnl,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal MaxDrawdown,
    double MaxDrawdownPercent,
    double? Sharpe,
    long Returns,
    long RoundTrips,
    long WinningRoundTrips,
    decimal Turnover,
    TimeSpan AverageHolding,
    double TimeInMarket,
    decimal StartingCapital,
    long FirstTimestampNs,
    long LastTimestampNs)
{
    /// <summary>Winning round trips / round trips, 0 to 1; 0 without round trips.</summary>
    public double WinRate => RoundTrips == 0 ? 0 : (double)WinningRoundTrips / RoundTrips;
}
