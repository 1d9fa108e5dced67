using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;
using static LowLatency.Market.Tests.Support.TradingDriver;

namespace LowLatency.Market.Tests.Trading;

/// <summary>Fees and slippage: what a fill costs beyond the book's prices.</summary>
public sealed partial class TradingStateTests
{
    [Theory]
    [InlineData(100, 167.43, 0.5, 0, 0.83715)]                          // 16 743 × 0.00005, exact
    [InlineData(2.5, 100, 0, 0.0035, 0.00875)]                          // per unit only
    [InlineData(3, 10.00000001, 0.12345678, 0, 0.0003703703403704)]     // 0.00037037034037037034: the 17th decimal rounds up
    [InlineData(3, 10.00000001, 0.12345678, 0.0035, 0.0108703703403704)]
    [InlineData(1, 0.00015, 0.00000001, 0, 0.0000000000000002)]        // 1.5·10^-16: a half, rounded up
    [InlineData(1, 0.00014999, 0.00000001, 0, 0.0000000000000001)]     // 1.4999·10^-16
    [InlineData(0.0001, 0.00000001, 0.5, 0, 0.0000000000000001)]       // 0.5·10^-16: rounded up
    [InlineData(0.00009999, 0.00000001, 0.5, 0, 0)]                    // 0.49995·10^-16: rounded down
    [InlineData(0.00009999, 0.00000001, 0.5, 0.0035, 0.000000349965)]  // + 0.00009999 × 0.0035
    public void Execute_FeeBpsAndFeePerUnit_EachFillPaysNotionalTimesBpsHalfUpTo16DecimalsPlusPerUnit(
        decimal quantity, decimal price, decimal feeBps, decimal feePerUnit, decimal fee)
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { FeeBps = P(feeBps), FeePerUnit = P(feePerUnit) });
        driver.Trade(_aapl, price, 1, Buy(quantity));
        driver.Trade(_aapl, price, 2, Sell(quantity));
        driver.Trade(_aapl, price, 3);

        Fill[] fills = driver.Trading.Fills.Fills.ToArray();
        Assert.Equal([fee, fee], fills.Select(f => f.Fee));                 // the same notional both ways
        Assert.Equal(fee * 10_000_000_000_000_000m, (decimal)fills[0].FeeRaw);
        Assert.Equal((2 * fee, 2 * fee), (driver.Trading.GetFees(_aapl), driver.Trading.TotalFees));
        Assert.Equal((0m, -2 * fee), (driver.Trading.GetRealizedPnl(_aapl), driver.Trading.GetTotalPnl(_aapl)));
    }

    [Fact]
    public void GetFees_FillsOnTwoSymbols_EachSymbolsFeesAndTotalPnlNetOfThem()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { FeeBps = P(0.5m), FeePerUnit = P(0.0035m) });
        TradingState trading = driver.Trading;

        driver.Trade(_aapl, 167.43m, 1, Buy(59m));
        driver.Trade(_aapl, 167.43m, 2, Sell(59m));   // buy 59 @ 167.43: 0.4939185 + 0.2065 = 0.7004185
        driver.Trade(_aapl, 167.5m, 3);               // sell 59 @ 167.50: 0.494125 + 0.2065 = 0.700625; realized 59 × 0.07
        driver.Quote(_msft, 10m, 10.02m, 4, Sell(300m));
        driver.Quote(_msft, 10m, 10.02m, 5);          // sell 300 @ 10 (the bid): 0.15 + 1.05 = 1.2
        driver.Trade(_msft, 9m, 6);                   // still marked at the mid 10.01: unrealized −3
        Assert.Equal([0.7004185m, 0.700625m, 1.2m], trading.Fills.Fills.ToArray().Select(f => f.Fee));

        Assert.Equal((1.4010435m, 1.2m), (trading.GetFees(_aapl), trading.GetFees(_msft)));
        Assert.Equal(2.6010435m, trading.TotalFees);
        Assert.Equal((4.13m, 0m, 4.13m - 1.4010435m), (trading.GetRealizedPnl(_aapl), trading.GetUnrealizedPnl(_aapl), trading.GetTotalPnl(_aapl)));
        Assert.Equal((0m, -3m, -4.2m), (trading.GetRealizedPnl(_msft), trading.GetUnrealizedPnl(_msft), trading.GetTotalPnl(_msft)));
        Assert.Equal((4.13m, -3m, 4.13m - 3m - 2.6010435m), (trading.TotalRealizedPnl, trading.TotalUnrealizedPnl, trading.TotalPnl));
        Assert.Equal(FixedPoint.Zero, trading.GetPosition(_aapl));                     // fees never touch positions or costs
        Assert.Equal(P(10m), trading.GetAverageCost(_msft));

        PerformanceSummary summary = trading.GetPerformance();
        Assert.Equal((2.6010435m, 4.13m, -3m), (summary.Fees, summary.RealizedPnl, summary.UnrealizedPnl));
        Assert.Equal((1.13m, trading.TotalPnl), (summary.GrossPnl, summary.NetPnl));
    }

    [Fact]
    public void GetFees_NoFeesConfigured_ZeroAndTotalPnlIsGross()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        driver.Trade(_aapl, 10m, 1, Buy(3m));
        driver.Trade(_aapl, 12m, 2);

        Assert.Equal((0m, 0m), (driver.Trading.GetFees(_aapl), driver.Trading.TotalFees));
        Assert.Equal(0m, Assert.Single(driver.Trading.Fills.Fills.ToArray()).Fee);
        Assert.Equal((0m, 0m), (driver.Trading.GetFees(_msft), driver.Trading.GetTotalPnl(_msft)));
    }

    [Theory]
    [InlineData(SignalSide.Buy, 100.02, 2, 100.040004)]          // the ask + 0.020004
    [InlineData(SignalSide.Sell, 99.98, 2, 99.960004)]           // the bid − 0.019996
    [InlineData(SignalSide.Buy, 10.00000001, 1, 10.00100002)]    // + 0.001000000001, rounded up to 0.00100001
    [InlineData(SignalSide.Sell, 10.00000001, 1, 9.999)]         // − 0.00100001: rounded against the seller too
    [InlineData(SignalSide.Buy, 10.00000001, 0, 10.00000001)]
    [InlineData(SignalSide.Sell, 0.00000001, 0.00000001, 0.00000001)] // a whole raw unit of slip would leave nothing: stays at the least price
    public void Execute_SlippageBps_PriceMovesAgainstTheOrderRoundedToTheRawUnitAgainstIt(SignalSide side, decimal market, decimal slippageBps, decimal expected)
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { SlippageBps = P(slippageBps), FeeBps = P(1m) });
        OrderIntent intent = side == SignalSide.Buy ? Buy(2m) : Sell(2m);
        driver.Quote(_aapl, side == SignalSide.Sell ? market : 0.00000001m, side == SignalSide.Buy ? market : 1_000_000m, 1, intent);
        driver.Quote(_aapl, side == SignalSide.Sell ? market : 0.00000001m, side == SignalSide.Buy ? market : 1_000_000m, 2);

        Fill fill = Assert.Single(driver.Trading.Fills.Fills.ToArray());
        Assert.Equal(P(market), driver.Trading.Signals[0].Price);                      // the signal shows the book
        Assert.Equal(P(expected), fill.Price);
        Assert.Equal(Math.Round(2 * expected / 10_000, 16, MidpointRounding.AwayFromZero), fill.Fee); // on the slipped notional
        Assert.Equal(2 * expected, driver.Trading.GetPerformance().Turnover);
    }

    [Fact]
    public void Execute_SlippageOnARoundTrip_PnlAtTheSlippedPrices()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { SlippageBps = P(2m) });
        TradingState trading = driver.Trading;
        driver.Quote(_aapl, 99.98m, 100.02m, 1, Buy(10m));
        driver.Quote(_aapl, 99.98m, 100.02m, 2);                 // buy 10 @ 100.040004
        Assert.Equal(P(100.040004m), trading.GetAverageCost(_aapl));
        Assert.Equal(-0.40004m, trading.GetUnrealizedPnl(_aapl)); // marked at the mid 100: the slip shows at once

        driver.Trade(_aapl, 100m, 3, Sell(10m));
        driver.Trade(_msft, 1m, 4);
        driver.Quote(_aapl, 99.98m, 100.02m, 5);                 // sell 10 @ 99.960004

        Assert.Equal(10 * (99.960004m - 100.040004m), trading.GetRealizedPnl(_aapl));
        Assert.Equal((-0.8m, 0m), (trading.TotalPnl, trading.TotalFees));
        Assert.Equal([P(100.02m), P(99.98m)], trading.Signals.Signals.ToArray().Select(s => s.Price));
    }
}
