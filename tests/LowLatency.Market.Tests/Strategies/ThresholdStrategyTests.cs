using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.SignalSide;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Strategies;

public sealed class ThresholdStrategyTests
{
    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;
    private readonly SymbolId _msft = TestSymbols.Msft;

    [Fact]
    public void OnTrade_BpsLevels_OneSignalPerCrossingWithinMaxOrders()
    {
        var bench = Bench(new ThresholdOptions { BuyBelowBps = 10, SellAboveBps = 20, OrderQuantity = P(1m), MaxOrders = 2 });

        SignalSide[] sides = TradesAtFair100(bench);

        Assert.Equal([Buy, None, None, Buy, None, None, Sell, None, None, Sell, None], sides);
        Assert.Equal(
        [
            new Signal(_aapl, Buy, P(1m), P(99.90m), 0, 0, ThresholdStrategy.BelowBuyLevel),
            new Signal(_aapl, Buy, P(1m), P(99.90m), 3, 3, ThresholdStrategy.BelowBuyLevel),
            new Signal(_aapl, Sell, P(1m), P(100.20m), 6, 6, ThresholdStrategy.AboveSellLevel),
            new Signal(_aapl, Sell, P(1m), P(100.25m), 9, 9, ThresholdStrategy.AboveSellLevel),
        ], bench.Trading.Signals.Signals.ToArray());
        Assert.Equal(FixedPoint.Zero, bench.Trading.GetPosition(_aapl));
        Assert.Equal(0, bench.Trading.SuppressedCount); // the strategy keeps within max-orders itself
    }

    [Fact]
    public void Create_Parameters_SameSignalsAsTheOptions()
    {
        var parameters = new StrategyParameters(new Dictionary<string, string?>
        {
            ["buy-below-bps"] = "10",
            ["SellAboveBps"] = "20",
            ["order_quantity"] = "1",
            ["max-orders"] = "2",
        });
        var bench = new StrategyBench<ThresholdStrategy>(_symbols, ThresholdStrategy.Create(parameters, new StrategySetup(_symbols)));

        Assert.Equal([Buy, None, None, Buy, None, None, Sell, None, None, Sell, None], TradesAtFair100(bench));
        parameters.ThrowIfUnread(ThresholdStrategy.Name);
    }

    [Theory]
    [InlineData(99.90, 100, Buy)]            // exactly 10 bps under
    [InlineData(99.90000001, 100, None)]
    [InlineData(100.20, 100, Sell)]          // exactly 20 bps over
    [InlineData(100.19999999, 100, None)]
    [InlineData(167.25258, 167.42, Buy)]     // 167.42 × (1 − 0.001)
    [InlineData(167.25259, 167.42, None)]
    [InlineData(167.754840, 167.42, Sell)]   // 167.42 × (1 + 0.002)
    [InlineData(167.75483, 167.42, None)]
    [InlineData(0.01, 0, None)]              // no fair price yet: no bps level
    public void OnTrade_BpsBoundaries_ComparedExactly(decimal price, decimal fair, SignalSide expected)
    {
        var bench = Bench(new ThresholdOptions { BuyBelowBps = 10, SellAboveBps = 20, OrderQuantity = P(1m) });

        Assert.Equal(expected, bench.Trade(_aapl, price, rollingVwap: fair));
    }

    [Fact]
    public void OnTrade_AbsoluteLevels_StrictlyBeyondThemWithoutAFairPrice()
    {
        var bench = Bench(new ThresholdOptions { BuyBelow = P(50m), SellAbove = P(60m), OrderQuantity = P(1m) });

        SignalSide[] sides =
        [
            bench.Trade(_aapl, 49.99m, rollingVwap: 0m),
            bench.Trade(_aapl, 50m, rollingVwap: 0m),     // at the level: not below
            bench.Trade(_aapl, 49.99m, rollingVwap: 0m),
            bench.Trade(_aapl, 60m, rollingVwap: 0m),
            bench.Trade(_aapl, 60.01m, rollingVwap: 0m),
            bench.Trade(_aapl, 45m, rollingVwap: 40m),    // the fair price plays no part
        ];

        Assert.Equal([Buy, None, Buy, None, Sell, Buy], sides);
    }

    [Fact]
    public void OnTrade_OnlyABuyLevel_SellSideStaysInBps()
    {
        var bench = Bench(new ThresholdOptions { BuyBelow = P(50m), SellAboveBps = 10, OrderQuantity = P(1m) });

        Assert.Equal(None, bench.Trade(_aapl, 70m, rollingVwap: 0m));
        Assert.Equal(Sell, bench.Trade(_aapl, 70.07m, rollingVwap: 70m));
    }

    [Fact]
    public void OnQuote_QuoteOnlyData_MidAgainstTheRollingMidAtTheFarSide()
    {
        var bench = Bench(new ThresholdOptions { BuyBelowBps = 10, SellAboveBps = 10, OrderQuantity = P(2m) });

        SignalSide[] sides =
        [
            bench.Quote(_aapl, 99.89m, 99.91m, rollingMid: 100m),    // mid 99.90: 10 bps under
            bench.Quote(_aapl, 99.99m, 100.01m, rollingMid: 100m),   // fills the buy at the ask
            bench.Quote(_aapl, 100.09m, 100.11m, rollingMid: 100m),  // mid 100.10: 10 bps over
            bench.Quote(_aapl, 100.09m, 100.11m, rollingMid: 100m),  // fills the sell at the bid
            bench.Quote(_aapl, 199m, 201m, rollingMid: 100m, rollingVwap: 210m), // a rolling VWAP comes first: under it
        ];

        Assert.Equal([Buy, None, Sell, None, Buy], sides);
        Assert.Equal([P(99.91m), P(100.09m), P(201m)], bench.Trading.Signals.Signals.ToArray().Select(s => s.Price));
        Assert.Equal([P(100.01m), P(100.09m)], bench.Trading.Fills.Fills.ToArray().Select(f => f.Price));
        Assert.Equal(0.16m, bench.Trading.GetRealizedPnl(_aapl)); // 2 × (100.09 − 100.01)
    }

    [Fact]
    public void OnTrade_NotionalSizing_TwoSignificantDigitsOfUnits()
    {
        var bench = Bench(new ThresholdOptions { BuyBelowBps = 10, SellAboveBps = 10, MaxOrders = 1 });

        bench.Trade(_aapl, 167.42m, rollingVwap: 170m);   // 10 000 / 167.42 = 59.7…: 59
        bench.Trade(_aapl, 167.42m, rollingVwap: 167.42m);
        bench.Trade(_aapl, 167.42m, rollingVwap: 170m);   // 59 long already, max-orders 1: no second buy
        bench.Trade(_aapl, 180m, rollingVwap: 170m);      // 10 000 / 180 = 55.5…: 55

        Assert.Equal([(Buy, P(59m)), (Sell, P(55m))], bench.Trading.Signals.Signals.ToArray().Select(s => (s.Side, s.Quantity)));
    }

    [Fact]
    public void OnTrade_TwoSymbols_EachHasItsOwnCrossings()
    {
        var bench = Bench(new ThresholdOptions { BuyBelowBps = 10, SellAboveBps = 10, OrderQuantity = P(1m) });

        SignalSide[] sides =
        [
            bench.Trade(_aapl, 99m, rollingVwap: 100m),
            bench.Trade(_msft, 99m, rollingVwap: 100m),   // MSFT's first crossing, though AAPL is below already
            bench.Trade(_aapl, 98m, rollingVwap: 100m),
            bench.Trade(_msft, 101m, rollingVwap: 100m),
        ];

        Assert.Equal([Buy, Buy, None, Sell], sides);
    }

    [Fact]
    public void Create_SellLevelBelowBuyLevel_ThrowsNamingBoth()
    {
        var parameters = new StrategyParameters(new Dictionary<string, string?> { ["buy-below"] = "50", ["SellAbove"] = "40" }, "--strategy-param {0}");

        var ex = Assert.Throws<StrategyParameterException>(() => ThresholdStrategy.Create(parameters, new StrategySetup(_symbols)));

        Assert.Equal("--strategy-param SellAbove: must be at least buy-below (got 40 and 50).", ex.Message);
        Assert.Throws<ArgumentException>(() => new ThresholdStrategy(new ThresholdOptions { BuyBelow = P(50m), SellAbove = P(40m) }, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdStrategy(new ThresholdOptions { BuyBelowBps = 0 }, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdStrategy(new ThresholdOptions { SellAboveBps = -1 }, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdStrategy(new ThresholdOptions { MaxOrders = 0 }, 8));
    }

    [Fact]
    public void ReasonName_Codes_NamedForCsvAndSummaries()
    {
        Assert.Equal("threshold", ThresholdStrategy.Name);
        Assert.Equal("below_buy_level", ThresholdStrategy.ReasonName(ThresholdStrategy.BelowBuyLevel));
        Assert.Equal("above_sell_level", ThresholdStrategy.ReasonName(ThresholdStrategy.AboveSellLevel));
        Assert.Equal("unknown", ThresholdStrategy.ReasonName(0));
        Assert.Equal("unknown", ThresholdStrategy.ReasonName(200));
    }

    [Fact]
    public void Replay_SpyTradeDay_PlausibleTradeList()
    {
        using MarketPipeline pipeline = RecordedReplay.Run("lean/equity/usa/tick/spy/20131008_trade.zip");
        TradingState trading = pipeline.Trading;
        SymbolId spy = pipeline.Symbols.GetOrAdd("SPY");

        Assert.Equal("threshold", pipeline.StrategyName);
        Assert.InRange(trading.Signals.TotalCount, 21, 1_999);
        Assert.True(trading.Signals.BuyCount > 0 && trading.Signals.SellCount > 0);
        Assert.Equal(trading.Signals.TotalCount, trading.Fills.TotalCount + trading.OpenOrderCount); // market orders all fill...
        Assert.InRange(trading.OpenOrderCount, 0, 1);                                              // ...but the day's last one
        Assert.Equal(0, trading.UnfilledCount);
        Assert.Equal(0, trading.SuppressedCount);
        Assert.True(pipeline.Filter.GetCount(FilterReason.OffMarketPrint) > 0, "off-market prints are filtered out");

        // The strategy stays within max-orders (5) orders' worth of position, either way.
        decimal largestOrder = trading.Signals.Signals.ToArray().Max(s => D(s.Quantity));
        Assert.InRange(largestOrder, 50m, 70m); // 10 000 of SPY at 165–168
        Assert.All(trading.Fills.Fills.ToArray(), f => Assert.InRange(Math.Abs(D(f.PositionAfter)), 0m, 5 * largestOrder));
        Assert.All(trading.Fills.Fills.ToArray(), f => Assert.True(f.Sequence > f.SignalSequence && f.Symbol == spy));
        Assert.Equal(trading.Fills.Fills[^1].PositionAfter, trading.GetPosition(spy));
    }

    [Fact]
    public void Replay_IbmQuoteOnlyDay_SignalsOnTheRollingMid()
    {
        using MarketPipeline pipeline = RecordedReplay.Run("lean/equity/usa/tick/ibm/20131007_quote.zip");
        TradingState trading = pipeline.Trading;

        Assert.Equal(0, trading.TradeCount);
        Assert.InRange(trading.Signals.TotalCount, 1, 1_999);
        Assert.Equal(trading.Signals.TotalCount, trading.Fills.TotalCount + trading.OpenOrderCount);
        SymbolId ibm = pipeline.Symbols.GetOrAdd("IBM");
        Assert.NotEqual(FixedPoint.Zero, trading.GetMarkPrice(ibm));
    }

    private StrategyBench<ThresholdStrategy> Bench(ThresholdOptions options) =>
        new(_symbols, new ThresholdStrategy(options, _symbols.Capacity));

    /// <summary>Eleven AAPL trades around a fair price of 100 (levels 10 bps under, 20 bps over).</summary>
    private SignalSide[] TradesAtFair100(StrategyBench<ThresholdStrategy> bench)
    {
        decimal[] prices = [99.90m, 99.85m, 100m, 99.90m, 100m, 99.80m, 100.20m, 100.30m, 100.19999999m, 100.25m, 99.90000001m];
        return [.. prices.Select(price => bench.Trade(_aapl, price, rollingVwap: 100m))];
    }
}
