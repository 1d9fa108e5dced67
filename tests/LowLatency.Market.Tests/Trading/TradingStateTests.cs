using LowLatency.Market.Generation;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;
using static LowLatency.Market.Tests.Support.TradingDriver;

namespace LowLatency.Market.Tests.Trading;

public sealed partial class TradingStateTests
{
    private const IntentResult Accepted = IntentResult.Accepted;

    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;
    private readonly SymbolId _msft = TestSymbols.Msft;

    [Fact]
    public void OnMarketEvent_OrderDecidedOnAnEvent_FillsOnTheSymbolsNextEventOnly()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        TradingState trading = driver.Trading;

        Assert.Equal([Accepted], driver.Trade(_aapl, 100m, 10, Buy(5m)));          // 0: decided, not filled here
        Assert.Equal((0L, 1, P(5m)), (trading.Fills.TotalCount, trading.OpenOrderCount, trading.GetOpenQuantity(_aapl, SignalSide.Buy)));
        driver.Trade(_msft, 50m, 11);                                              // 1: other symbols never fill it
        driver.Quote(_msft, 49m, 51m, 12);                                         // 2
        Assert.Equal((0L, FixedPoint.Zero), (trading.Fills.TotalCount, trading.GetPosition(_aapl)));

        driver.Trade(_aapl, 101m, 10);                                             // 3: same timestamp, later event: fills

        Assert.Equal(new Signal(_aapl, SignalSide.Buy, P(5m), P(100m), 10, 0, 1), trading.Signals[0]);
        Assert.Equal(new Fill(_aapl, SignalSide.Buy, P(5m), P(101m), 10, 3, 0, 1, P(5m), 0), Assert.Single(trading.Fills.Fills.ToArray()));
        Assert.Equal((0, FixedPoint.Zero, P(5m)), (trading.OpenOrderCount, trading.GetOpenQuantity(_aapl, SignalSide.Buy), trading.GetPosition(_aapl)));
        Assert.Equal((3L, 1L), (trading.TradeCount, trading.QuoteCount));
    }

    [Fact]
    public void OnMarketEvent_FillLatency_FillsOnTheFirstEventAtOrAfterDecisionPlusLatency()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { FillLatencyNs = 1_000 });
        TradingState trading = driver.Trading;
        driver.Trade(_aapl, 100m, 5_000, Buy(1m));            // 0: due at 6 000
        driver.Trade(_aapl, 101m, 5_500);                     // 1: too early
        driver.Quote(_aapl, 101m, 102m, 5_999);               // 2: 1 ns too early
        driver.Trade(_msft, 50m, 7_000);                      // 3: other symbol
        Assert.Equal(0, trading.Fills.TotalCount);
        Assert.Equal([Accepted], driver.Trade(_aapl, 103m, 6_000, Sell(1m))); // 4: exactly due: fills the buy (at the ask), then decides
        Assert.Equal(new Fill(_aapl, SignalSide.Buy, P(1m), P(102m), 6_000, 4, 0, 1, P(1m), 0), trading.Fills[0]);

        driver.Trade(_aapl, 104m, 6_999);                     // 5: the sell is due at 7 000
        Assert.Equal(1, trading.Fills.TotalCount);
        driver.Quote(_aapl, 104m, 105m, 7_500);               // 6: fills at the bid
        Assert.Equal(new Fill(_aapl, SignalSide.Sell, P(1m), P(104m), 7_500, 6, 4, 2, FixedPoint.Zero, 2 * s_rawPerMoney), trading.Fills[1]);
        Assert.Equal(2m, trading.GetRealizedPnl(_aapl));
    }

    [Fact]
    public void OnMarketEvent_SeveralOpenOrders_FillInOrderAsEachComesDue()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { FillLatencyNs = 100 });
        TradingState trading = driver.Trading;
        driver.Trade(_aapl, 10m, 1_000, Buy(1m), Buy(2m));    // 0: both due at 1 100
        driver.Trade(_aapl, 11m, 1_050, Sell(4m));            // 1: due at 1 150

        driver.Trade(_aapl, 12m, 1_120);                      // 2: fills the first two only
        Assert.Equal([(0L, P(1m)), (0L, P(2m))], trading.Fills.Fills.ToArray().Select(f => (f.SignalSequence, f.Quantity)));
        Assert.Equal((1, P(4m)), (trading.OpenOrderCount, trading.GetOpenQuantity(_aapl, SignalSide.Sell)));

        driver.Trade(_aapl, 13m, 1_200);                      // 3: then the sell, which flips the position
        Assert.Equal(new Fill(_aapl, SignalSide.Sell, P(4m), P(13m), 1_200, 3, 1, 2, P(-1m), 3 * s_rawPerMoney), trading.Fills[2]);
        Assert.Equal(0, trading.OpenOrderCount);
    }

    [Fact]
    public void OnMarketEvent_QuotedSymbol_BuysFillAtTheAskSellsAtTheBidElseAtTheLastTrade()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        TradingState trading = driver.Trading;

        driver.Quote(_aapl, 99.98m, 100.02m, 1, Buy(10m), Sell(4m));    // 0: checked at the ask and the bid
        driver.Trade(_msft, 50m, 2, Buy(1m), Sell(1m));                 // 1: no quote: at the last trade
        driver.Trade(_aapl, 100.5m, 3);                                 // 2: a trade, but the quote is the market
        driver.Trade(_msft, 50.25m, 4);                                 // 3

        Assert.Equal([P(100.02m), P(99.98m), P(50m), P(50m)], trading.Signals.Signals.ToArray().Select(s => s.Price));
        Assert.Equal(
            [(_aapl, P(100.02m)), (_aapl, P(99.98m)), (_msft, P(50.25m)), (_msft, P(50.25m))],
            trading.Fills.Fills.ToArray().Select(f => (f.Symbol, f.Price)));
        Assert.Equal(P(6m), trading.GetPosition(_aapl));
        Assert.Equal(FixedPoint.Zero, trading.GetPosition(_msft));
    }

    [Fact]
    public void OnMarketEvent_LimitOrders_FillOnlyWhenMarketableElseCancelledAndCounted()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        TradingState trading = driver.Trading;

        driver.Quote(_aapl, 100m, 100.02m, 1,
            BuyLimit(10m, 100.01m, 1),   // the ask stays above it: cancelled
            BuyLimit(3m, 100.05m, 2),    // marketable: fills at the ask, not at the limit
            BuyLimit(5m, 100.02m, 3),    // at the limit exactly: fills
            SellLimit(2m, 99.99m, 4),    // fills at the bid
            SellLimit(6m, 100.01m, 5));  // the bid stays below it: cancelled
        Assert.Equal(
            [(OrderType.Limit, P(100.01m)), (OrderType.Limit, P(100.05m)), (OrderType.Limit, P(100.02m)), (OrderType.Limit, P(99.99m)), (OrderType.Limit, P(100.01m))],
            trading.Signals.Signals.ToArray().Select(s => (s.Type, s.Price)));
        driver.Quote(_aapl, 100m, 100.02m, 2);

        Assert.Equal([(2, P(100.02m)), (3, P(100.02m)), (4, P(100m))], trading.Fills.Fills.ToArray().Select(f => ((int)f.Reason, f.Price)));
        Assert.Equal(2, trading.UnfilledCount);
        Assert.Equal(0, trading.OpenOrderCount);
        Assert.Equal((FixedPoint.Zero, FixedPoint.Zero), (trading.GetOpenQuantity(_aapl, SignalSide.Buy), trading.GetOpenQuantity(_aapl, SignalSide.Sell)));
        Assert.Equal(P(6m), trading.GetPosition(_aapl));

        // Without quotes a limit order is checked against the last trade.
        driver.Trade(_msft, 50m, 3, BuyLimit(1m, 49.99m), SellLimit(1m, 50m));
        driver.Trade(_msft, 50m, 4);
        Assert.Equal((3L, P(-1m), P(50m)), (trading.UnfilledCount, trading.GetPosition(_msft), trading.Fills[^1].Price));
    }

    [Fact]
    public void Submit_InvalidIntents_SuppressedAsInvalid()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        OrderIntent[] invalid =
        [
            Buy(0m),
            Sell(-1m),
            OrderIntent.Market(SignalSide.None, P(1m), 1),
            OrderIntent.Market((SignalSide)7, P(1m), 1),
            BuyLimit(1m, 0m),
            SellLimit(1m, -5m),
            new OrderIntent(SignalSide.Buy, P(1m), (OrderType)9, P(100m), 1),
        ];

        IntentResult[] results = driver.Trade(_aapl, 100m, 1, invalid);

        Assert.All(results, r => Assert.Equal(IntentResult.Invalid, r));
        AssertSuppressed(driver.Trading, (IntentResult.Invalid, invalid.Length));
        Assert.Equal(0, driver.Trading.Signals.TotalCount);
        Assert.Equal(0, driver.Trading.OpenOrderCount);
    }

    [Fact]
    public void Submit_MaxOrderQuantity_SuppressesLargerOrders()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { Risk = new RiskLimits { MaxOrderQuantity = P(10m) } });

        Assert.Equal(
            [Accepted, IntentResult.MaxOrderQuantity, Accepted, IntentResult.MaxOrderQuantity],
            driver.Trade(_aapl, 100m, 1, Buy(10m), Buy(10.00000001m), Sell(10m), Sell(11m)));
        AssertSuppressed(driver.Trading, (IntentResult.MaxOrderQuantity, 2));
    }

    [Fact]
    public void Submit_MaxOrderQuantityOnAReducingOrder_Passes()
    {
        // Build a long position of 20 in two orders of 10, then close it in one order of 20: it reduces exposure,
        // and "an order that reduces exposure always passes" (TradingState remarks, api.md).
        var driver = new TradingDriver(_symbols, new TradingOptions { Risk = new RiskLimits { MaxOrderQuantity = P(10m) } });
        driver.Trade(_aapl, 100m, 1, Buy(10m), Buy(10m));
        driver.Trade(_aapl, 100m, 2);
        Assert.Equal(P(20m), driver.Trading.GetPosition(_aapl));

        Assert.Equal(Accepted, driver.TradeAnd(_aapl, 101m, 3, Sell(20m)));
    }

    [Fact]
    public void Submit_MaxPosition_CountsOpenOrdersOnTheIntentsSide()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { Risk = new RiskLimits { MaxPosition = P(100m) } });
        TradingState trading = driver.Trading;

        Assert.Equal(
            [Accepted, Accepted, IntentResult.MaxPosition, Accepted, IntentResult.MaxPosition],
            driver.Trade(_aapl, 10m, 1, Buy(60m), Buy(40m), Buy(0.00000001m), Sell(100m), Sell(1m)));
        driver.Trade(_aapl, 10m, 2);                                   // all filled: flat again
        Assert.Equal(FixedPoint.Zero, trading.GetPosition(_aapl));
        Assert.Equal([Accepted, Accepted], driver.Trade(_aapl, 10m, 3, Buy(100m), Sell(100m)));
        AssertSuppressed(trading, (IntentResult.MaxPosition, 2));
    }

    [Fact]
    public void Submit_ReducingOrders_PassMaxPositionEvenWhenFlipping()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { Risk = new RiskLimits { MaxPosition = P(100m), MaxNotional = FixedPoint.Zero } });
        TradingState trading = driver.Trading;
        driver.Trade(_aapl, 100m, 1, Buy(100m));

        Assert.Equal(IntentResult.MaxPosition, driver.TradeAnd(_aapl, 100m, 2, Buy(1m)));      // long 100: grows
        Assert.Equal(Accepted, driver.TradeAnd(_aapl, 100m, 3, Sell(150m)));                   // to -50: |-50| < |100|
        Assert.Equal([IntentResult.MaxPosition, Accepted], driver.Trade(_aapl, 100m, 4, Sell(51m), Sell(50m))); // -101 grows, -100 fits
        driver.Trade(_aapl, 100m, 5);

        Assert.Equal(P(-100m), trading.GetPosition(_aapl));
        AssertSuppressed(trading, (IntentResult.MaxPosition, 2));
    }

    [Fact]
    public void Submit_ReducingOrders_PassMaxNotionalAfterThePriceRose()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { Risk = new RiskLimits { MaxNotional = P(10_000m) } });
        TradingState trading = driver.Trading;
        Assert.Equal(Accepted, driver.TradeAnd(_aapl, 100m, 1, Buy(100m)));     // 100 × 100 = 10 000: at the limit

        // Filled at 200: 20 000 of exposure now. Growing is blocked; reducing passes though 70 × 200 is still over.
        Assert.Equal([IntentResult.MaxNotional, Accepted], driver.Trade(_aapl, 200m, 2, Buy(1m), Sell(30m)));
        driver.Trade(_aapl, 200m, 3);

        Assert.Equal(P(70m), trading.GetPosition(_aapl));
        AssertSuppressed(trading, (IntentResult.MaxNotional, 1));
    }

    [Fact]
    public void Submit_MaxNotional_ValuesExposureOnTheSideAtTheOrdersPrice()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions()); // default: 1 000 000
        TradingState trading = driver.Trading;

        Assert.Equal(
            [Accepted, IntentResult.MaxNotional, Accepted, Accepted],
            driver.Quote(_aapl, 99.99m, 100m, 1,
                Buy(10_000m),                 // 10 000 × 100 (the ask) = 1 000 000: at the limit
                Buy(0.00000001m),             // just over
                BuyLimit(1m, 99.99m),         // (10 000 open + 1) × 99.99 (its limit) = 999 999.99
                Sell(10_000m)));              // the sell side on its own: −10 000 × 99.99 (the bid)
        driver.Quote(_aapl, 99.99m, 100m, 2); // long 10 000 − 10 000 = 0: the limit buy is not marketable

        Assert.Equal(FixedPoint.Zero, trading.GetPosition(_aapl));
        Assert.Equal([IntentResult.MaxNotional, Accepted], driver.Quote(_aapl, 100m, 100.01m, 3, Sell(10_001m), Sell(10_000m)));
        AssertSuppressed(trading, (IntentResult.MaxNotional, 2));

        var off = new TradingDriver(_symbols, new TradingOptions { Risk = new RiskLimits { MaxNotional = FixedPoint.Zero } });
        Assert.Equal(Accepted, off.TradeAnd(_aapl, 1_000_000m, 1, Buy(1_000m)));
    }

    [Fact]
    public void Submit_NoPriceYet_MarketSuppressedLimitAccepted()
    {
        var trading = new TradingState(_symbols, new TradingOptions());
        ref SymbolBook book = ref trading.BookOf(_msft.Value); // no event of MSFT yet

        Assert.Equal(IntentResult.NoPrice, trading.Submit(ref book, _msft, Buy(1m), 0, 0));
        Assert.Equal(IntentResult.NoPrice, trading.Submit(ref book, _msft, Sell(1m), 0, 0));
        Assert.Equal(Accepted, trading.Submit(ref book, _msft, BuyLimit(1m, 50m), 0, 0));
        Assert.Equal(new Signal(_msft, SignalSide.Buy, P(1m), P(50m), 0, 0, 1, OrderType.Limit), trading.Signals[0]);
        AssertSuppressed(trading, (IntentResult.NoPrice, 2));
    }

    [Fact]
    public void Submit_OpenOrderPoolFull_TooManyOpenOrdersUntilAFillFreesASlot()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { MaxOpenOrders = 2 });
        TradingState trading = driver.Trading;

        Assert.Equal(
            [Accepted, Accepted, IntentResult.TooManyOpenOrders, IntentResult.TooManyOpenOrders],
            driver.Trade(_aapl, 10m, 1, Buy(1m), Sell(3m), Sell(1m), Buy(2m)));
        Assert.Equal(IntentResult.TooManyOpenOrders, driver.TradeAnd(_msft, 10m, 2, Buy(1m)));   // all symbols share the pool
        Assert.Equal(2, trading.OpenOrderCount);

        Assert.Equal([Accepted, Accepted, IntentResult.TooManyOpenOrders], driver.Trade(_aapl, 10m, 3, Buy(1m), Buy(1m), Buy(1m)));
        AssertSuppressed(trading, (IntentResult.TooManyOpenOrders, 4));
        Assert.Equal(2, trading.Fills.TotalCount);
    }

    [Fact]
    public void Submit_PositionBeyondFixedPointRange_SuppressedNotWrapped()
    {
        // A sub-cent token: the notional limit lets through more units than a FixedPoint holds (9.2·10^10).
        var driver = new TradingDriver(_symbols, new TradingOptions());
        TradingState trading = driver.Trading;
        var results = new List<IntentResult>();
        for (int i = 0; i < 12; i++)
        {
            results.AddRange(driver.Trade(_aapl, 0.00000001m, i + 1, Buy(10_000_000_000m)));
        }

        Assert.Equal(Enumerable.Repeat(Accepted, 9).Concat(Enumerable.Repeat(IntentResult.BeyondRange, 3)), results);
        Assert.Equal(P(90_000_000_000m), trading.GetPosition(_aapl));                   // 9 filled, each on the next trade
        Assert.Equal(FixedPoint.Zero, trading.GetOpenQuantity(_aapl, SignalSide.Buy)); // a 10th would pass 92.2 billion
        AssertSuppressed(trading, (IntentResult.BeyondRange, 3));
    }

    [Fact]
    public void OnMarketEvent_SinkThrowsOnFill_OrderSlotStillFreed()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { MaxOpenOrders = 1 });
        TradingState trading = driver.Trading;
        trading.Sink = new ThrowingOnFill();
        Assert.Equal(Accepted, driver.TradeAnd(_aapl, 10m, 1, Buy(1m)));

        Assert.Throws<IOException>(() => driver.Trade(_aapl, 10m, 2));                  // the fill's sink fails

        Assert.Equal(0, trading.OpenOrderCount);
        Assert.Equal(P(1m), trading.GetPosition(_aapl));
        Assert.Equal(Accepted, driver.TradeAnd(_aapl, 10m, 3, Buy(1m)));              // the slot is free again
    }

    [Fact]
    public void GetSuppressedCount_AcceptedOrUnknownReason_Zero()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        driver.Trade(_aapl, 10m, 1, Buy(1m), Buy(0m));

        Assert.Equal(0, driver.Trading.GetSuppressedCount(IntentResult.Accepted));
        Assert.Equal(0, driver.Trading.GetSuppressedCount((IntentResult)200));
        Assert.Equal(1, driver.Trading.SuppressedCount);
    }

    [Fact]
    public void Execute_AverageCostWithPartialCloseAndFlip_MatchesHandComputedPnl()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        TradingState trading = driver.Trading;

        driver.Trade(_aapl, 10m, 1, Buy(2m));     // 0
        driver.Trade(_aapl, 10m, 2, Buy(1m));     // 1: fills +2 @ 10               P 2, C 20
        driver.Trade(_aapl, 10.01m, 3, Sell(1m)); // 2: fills +1 @ 10.01            P 3, C 30.01
        driver.Trade(_aapl, 10.02m, 4);           // 3: fills −1 @ 10.02: releases C / 3 = 10.00333…, cut to 16 decimals
        // R = 10.02 − 10.0033333333333333 = 0.0166666666666667; P 2, C = 20.0066666666666667.
        Assert.Equal(P(2m), trading.GetPosition(_aapl));
        Assert.Equal(P(10.00333333m), trading.GetAverageCost(_aapl));                  // C / P = 10.003333333333333335
        Assert.Equal(0.0166666666666667m, trading.GetRealizedPnl(_aapl));
        Assert.Equal(0.0333333333333333m, trading.GetUnrealizedPnl(_aapl));             // 2 × 10.02 − C

        driver.Trade(_aapl, 10.02m, 5, Sell(5m)); // 4
        driver.Trade(_aapl, 9.5m, 6, Buy(1m));    // 5: fills −5 @ 9.50: closes 2 (R += 19 − C), opens −3 @ 9.5
        Assert.Equal(P(-3m), trading.GetPosition(_aapl));
        Assert.Equal(-0.99m, trading.GetRealizedPnl(_aapl));                           // 0.0166666666666667 − 1.0066666666666667
        Assert.Equal(P(9.5m), trading.GetAverageCost(_aapl));                          // C = −28.5
        Assert.Equal(0m, trading.GetUnrealizedPnl(_aapl));

        driver.Trade(_aapl, 9m, 7);               // 6: fills +1 @ 9: releases −28.5 / 3 = −9.5, R += 9.5 − 9
        Assert.Equal(-0.49m, trading.GetRealizedPnl(_aapl));
        Assert.Equal(P(-2m), trading.GetPosition(_aapl));
        Assert.Equal(P(9.5m), trading.GetAverageCost(_aapl));                          // C = −19
        Assert.Equal(1m, trading.GetUnrealizedPnl(_aapl));                             // −2 × 9 + 19, marked at the last trade

        driver.Quote(_aapl, 8.98m, 9.01m, 8);     // 7: marked at the mid 8.995 from now on
        Assert.Equal(P(8.995m), trading.GetMarkPrice(_aapl));
        Assert.Equal(1.01m, trading.GetUnrealizedPnl(_aapl));                          // −2 × 8.995 + 19
        Assert.Equal(0.52m, trading.GetTotalPnl(_aapl));

        driver.Trade(_msft, 50m, 9, Buy(10m));    // 8
        driver.Trade(_msft, 52m, 10);             // 9: +10 @ 52
        driver.Trade(_msft, 53m, 11);             // 10
        Assert.Equal(10m, trading.GetUnrealizedPnl(_msft));

        Assert.Equal(-0.49m, trading.TotalRealizedPnl);
        Assert.Equal(11.01m, trading.TotalUnrealizedPnl);
        Assert.Equal(10.52m, trading.TotalPnl);
        Assert.Equal(
        [
            (P(2m), 0m), (P(3m), 0m), (P(2m), 0.0166666666666667m), (P(-3m), -0.99m), (P(-2m), -0.49m), (P(10m), 0m),
        ], trading.Fills.Fills.ToArray().Select(f => (f.PositionAfter, f.RealizedPnlAfter)));
    }

    [Theory]
    [InlineData(0L, 0, 0, 0, 0L)]
    [InlineData(2_500L, 0, 0, 0, 100_000L)]
    [InlineData(0L, 0.12345678, 0.0035, 1.23456789, 50_000L)] // fees and slips between raw units: rounded
    [InlineData(2_500L, 0.5, 0.01, 2, 1_000_000L)]
    public void Submit_RandomStreamOfEventsAndIntents_MatchesTheDecimalReference(long fillLatencyNs, decimal feeBps, decimal feePerUnit,
        decimal slippageBps, long equityIntervalNs)
    {
        var options = new TradingOptions
        {
            Risk = new RiskLimits { MaxPosition = P(300m), MaxNotional = P(25_000m) },
            FillLatencyNs = fillLatencyNs,
            FeeBps = P(feeBps),
            FeePerUnit = P(feePerUnit),
            SlippageBps = P(slippageBps),
            EquityIntervalNs = equityIntervalNs,
            StartingCapital = P(20_000m),
            MaxOpenOrders = 4,
            SignalLogCapacity = 100_000,
            FillLogCapacity = 100_000,
        };
        var driver = new TradingDriver(_symbols, options);
        var equity = new EquityRecorder();
        driver.Trading.Sink = equity;
        var reference = new ReferenceTrading(300m, 25_000m, 4, fillLatencyNs, feeBps, feePerUnit, slippageBps, equityIntervalNs);
        var random = new Xoshiro256StarStar(99);
        SymbolId[] symbols = [_aapl, _msft, _symbols.GetOrAdd("IBM")];
        var mid = new Dictionary<SymbolId, long> { [symbols[0]] = 10_000, [symbols[1]] = 10_000, [symbols[2]] = 10_000 }; // in cents
        long timestamp = 0, firstNs = 0;
        for (int i = 0; i < 20_000; i++)
        {
            SymbolId symbol = symbols[random.NextBounded(3)];
            mid[symbol] = Math.Max(200, mid[symbol] + (long)random.NextBounded(41) - 20);
            timestamp += (long)random.NextBounded(1_000);
            firstNs = i == 0 ? timestamp : firstNs;
            long spread = 1 + (long)random.NextBounded(4);
            MarketEvent e = symbol != symbols[2] && random.NextBounded(3) == 0 // IBM only trades: fills at the last trade
                ? MarketEvent.Quote(symbol, P(mid[symbol] / 100m), P(1m), P((mid[symbol] + spread) / 100m), P(1m), timestamp)
                : MarketEvent.Trade(symbol, P((mid[symbol] + (long)random.NextBounded(3) - 1) / 100m), P(1m), timestamp);
            var intents = new OrderIntent[random.NextBounded(3)];
            for (int k = 0; k < intents.Length; k++)
            {
                SignalSide side = random.NextBounded(2) == 0 ? SignalSide.Buy : SignalSide.Sell;
                FixedPoint quantity = P((1 + (long)random.NextBounded(4_000)) / 100m);
                byte reason = (byte)(1 + random.NextBounded(5));
                intents[k] = random.NextBounded(4) == 0
                    ? OrderIntent.Limit(side, quantity, P((mid[symbol] + (long)random.NextBounded(9) - 4) / 100m), reason)
                    : OrderIntent.Market(side, quantity, reason);
            }

            reference.OnEvent(e, i);
            IntentResult[] expected = [.. intents.Select(intent => reference.Submit(symbol, intent, i, timestamp))];
            Assert.Equal(expected, driver.On(e, intents));
        }

        TradingState trading = driver.Trading;
        Assert.Equal(reference.Signals, trading.Signals.Signals.ToArray());
        Assert.Equal(reference.Fills.Select(f => f.Fill), trading.Fills.Fills.ToArray().Select(f => f with { RealizedPnlAfterRaw = 0, FeeRaw = 0 }));
        Assert.Equal(reference.Fills.Select(f => f.RealizedAfter), trading.Fills.Fills.ToArray().Select(f => f.RealizedPnlAfter));
        Assert.Equal(reference.Fills.Select(f => f.Fee), trading.Fills.Fills.ToArray().Select(f => f.Fee));
        Assert.All(Enum.GetValues<IntentResult>().Skip(1), r => Assert.Equal(reference.Suppressed.GetValueOrDefault(r), trading.GetSuppressedCount(r)));
        Assert.Equal((reference.Unfilled, reference.OpenOrders), (trading.UnfilledCount, trading.OpenOrderCount));
        foreach (SymbolId symbol in symbols)
        {
            ReferenceTrading.Book book = reference.Of(symbol);
            Assert.Equal((book.Position, book.AverageCost, book.Mark), (D(trading.GetPosition(symbol)), D(trading.GetAverageCost(symbol)), D(trading.GetMarkPrice(symbol))));
            Assert.Equal((book.Realized, book.Unrealized), (trading.GetRealizedPnl(symbol), trading.GetUnrealizedPnl(symbol)));
            Assert.Equal((book.Fees, book.Realized + book.Unrealized - book.Fees), (trading.GetFees(symbol), trading.GetTotalPnl(symbol)));
        }

        // Totals net of fees, and the equity curve and statistics against the plain definitions.
        decimal unrealized = symbols.Sum(s => reference.Of(s).Unrealized), fees = symbols.Sum(s => reference.Of(s).Fees);
        Assert.Equal((fees, symbols.Sum(s => reference.Of(s).Realized) + unrealized - fees), (trading.TotalFees, trading.TotalPnl));
        ReferencePerformance.EquityRow[] points = [.. equity.Points.Select(p => ReferencePerformance.EquityRow.Of(p))];
        Assert.Equal(reference.Equity, points.Select(p => p with { Drawdown = 0 }));
        var fills = reference.Fills.Select(f => new ReferencePerformance.FillRow(_symbols.GetName(f.Fill.Symbol), f.Fill.TimestampNs,
            D(f.Fill.Quantity), D(f.Fill.Price), f.Fee, D(f.Fill.PositionAfter), f.RealizedAfter)).ToList();
        PerformanceSummary summary = trading.GetPerformance();
        ReferencePerformance.AssertMatches(summary, fills, points, unrealized, options, firstNs, timestamp);
        Assert.Equal(trading.TotalPnl, summary.NetPnl);

        // The stream must exercise every rule, or the comparison proves little.
        Assert.True(trading.Fills.TotalCount > 5_000 && trading.UnfilledCount > 100, $"fills {trading.Fills.TotalCount}, unfilled {trading.UnfilledCount}");
        Assert.All(new[] { IntentResult.MaxPosition, IntentResult.MaxNotional, IntentResult.TooManyOpenOrders },
            r => Assert.True(trading.GetSuppressedCount(r) > 10, $"{r}: {trading.GetSuppressedCount(r)}"));
        Assert.Contains(trading.Fills.Fills.ToArray(), f => f.PositionAfter.Raw != 0 && Math.Sign(f.PositionAfter.Raw) != (f.Side == SignalSide.Buy ? 1 : -1)); // partial closes
        Assert.True(summary.RoundTrips > 100 && summary.WinningRoundTrips > 10 && summary.RoundTrips - summary.WinningRoundTrips > 10, $"{summary}");
        Assert.True(equityIntervalNs == 0 || (summary.Returns > 5 && summary.Sharpe is not null), $"returns {summary.Returns}, Sharpe {summary.Sharpe}");
        // Quantities have 2 decimals and (slipped) prices at most 8: a fee needs rounding when the bps have more than 2.
        Assert.True(feeBps.Scale <= 2 || fills.Count(f => f.Quantity * f.Price * feeBps / 10_000m is var exact && Math.Round(exact, 16) != exact) > 100);
        Assert.True(slippageBps == 0 || trading.Fills.Fills.ToArray().Count(f => f.Price.Raw % 1_000_000 != 0) > 100); // slipped off the cent grid
    }

    [Theory]
    [InlineData(10.00000001, 10.00000002, 10.00000002)] // (a + b) / 2 ends in half a raw unit: rounded up
    [InlineData(99.98, 100.02, 100)]
    public void GetMarkPrice_Quoted_MidHalvesRoundedUp(decimal bid, decimal ask, decimal mid)
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        driver.Trade(_aapl, 1m, 1);
        Assert.Equal(P(1m), driver.Trading.GetMarkPrice(_aapl));                     // trades only: the last trade

        driver.Quote(_aapl, bid, ask, 2);
        driver.Trade(_aapl, 2m, 3);                                                 // the quote stays the mark

        Assert.Equal(P(mid), driver.Trading.GetMarkPrice(_aapl));
        Assert.Equal(P(2m), driver.Trading.GetLastPrice(_aapl));
        Assert.Equal(FixedPoint.Zero, driver.Trading.GetMarkPrice(_msft));
    }

    [Fact]
    public void OpenOrderCount_OrdersWithoutALaterEvent_StayOpenAndCounted()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        driver.Trade(_aapl, 10m, 1, Buy(1m));
        driver.Trade(_aapl, 10m, 2, Buy(2m), SellLimit(5m, 11m));   // the last event of AAPL: these never come due

        Assert.Equal(2, driver.Trading.OpenOrderCount);
        Assert.Equal(3, driver.Trading.Signals.TotalCount);
        Assert.Equal(1, driver.Trading.Fills.TotalCount);
        Assert.Equal(P(2m), driver.Trading.GetOpenQuantity(_aapl, SignalSide.Buy));
        Assert.Equal(P(5m), driver.Trading.GetOpenQuantity(_aapl, SignalSide.Sell));
        Assert.Equal(FixedPoint.Zero, driver.Trading.GetOpenQuantity(_aapl, SignalSide.None));
        Assert.Equal(0, driver.Trading.UnfilledCount);
    }

    [Fact]
    public void Sink_SignalsAndFills_DeliveredInOrderAsLogged()
    {
        var sink = new RecordingSink();
        var driver = new TradingDriver(_symbols, new TradingOptions());
        driver.Trading.Sink = sink;

        driver.Trade(_aapl, 10m, 1, Buy(1m), Buy(0m));
        driver.Trade(_aapl, 11m, 2, Sell(1m));
        driver.Trade(_aapl, 12m, 3);

        Assert.Equal(["signal 0", "fill 1", "signal 1", "fill 2"], sink.Calls);
        Assert.Equal(driver.Trading.Signals.Signals.ToArray(), sink.Signals);
        Assert.Equal(driver.Trading.Fills.Fills.ToArray(), sink.Fills);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowNamingTheSetting()
    {
        Assert.Contains("MaxPosition", Assert.Throws<ArgumentException>(() => new TradingState(_symbols, new TradingOptions { Risk = new RiskLimits { MaxPosition = P(-1m) } })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxOrderQuantity", Assert.Throws<ArgumentException>(() => new TradingState(_symbols, new TradingOptions { Risk = new RiskLimits { MaxOrderQuantity = P(-1m) } })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxNotional", Assert.Throws<ArgumentException>(() => new TradingState(_symbols, new TradingOptions { Risk = new RiskLimits { MaxNotional = P(-1m) } })).Message, StringComparison.Ordinal);
        Assert.Contains("FillLatencyNs", Assert.Throws<ArgumentException>(() => new TradingState(_symbols, new TradingOptions { FillLatencyNs = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxOpenOrders", Assert.Throws<ArgumentException>(() => new TradingState(_symbols, new TradingOptions { MaxOpenOrders = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("FillLogCapacity", Assert.Throws<ArgumentException>(() => new TradingState(_symbols, new TradingOptions { FillLogCapacity = -1 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TradingState(_symbols, new TradingOptions()).GetPosition(new SymbolId(8)));
    }

    [Fact]
    public void OnMarketEvent_SteadyState_AllocatesNothing()
    {
        var trading = new TradingState(_symbols, new TradingOptions { SignalLogCapacity = 10, FillLogCapacity = 10 });
        MarketEvent trade = MarketEvent.Trade(_aapl, P(100m), P(1m), 0);
        MarketEvent quote = MarketEvent.Quote(_aapl, P(99.99m), P(1m), P(100.01m), P(1m), 0);
        OrderIntent buy = BuyLimit(1m, 100.01m), sell = Sell(1m);

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 50_000; i++)
            {
                ref SymbolBook book = ref trading.OnMarketEvent(ref (i % 2 == 0 ? ref trade : ref quote), i);
                trading.Submit(ref book, _aapl, in (i % 4 < 2 ? ref buy : ref sell), i, 0);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(trading.Fills.TotalCount > 100_000, "fills: " + trading.Fills.TotalCount);
    }

    /// <summary>Raw PnL units per unit of money: prices and quantities are both scaled by 10^8.</summary>
    private static readonly Int128 s_rawPerMoney = (Int128)FixedPoint.Scale * FixedPoint.Scale;

    private static void AssertSuppressed(TradingState trading, params (IntentResult Reason, long Count)[] expected)
    {
        foreach (IntentResult reason in Enum.GetValues<IntentResult>())
        {
            long count = expected.Where(e => e.Reason == reason).Sum(e => e.Count);
            Assert.Equal((reason, count), (reason, trading.GetSuppressedCount(reason)));
        }

        Assert.Equal(expected.Sum(e => e.Count), trading.SuppressedCount);
    }

    private sealed class ThrowingOnFill : ISignalSink
    {
        public void OnSignal(in Signal signal)
        {
        }

        public void OnFill(in Fill fill) => throw new IOException("disk full");
    }

    private sealed class RecordingSink : ISignalSink
    {
        public List<string> Calls { get; } = [];

        public List<Signal> Signals { get; } = [];

        public List<Fill> Fills { get; } = [];

        public void OnSignal(in Signal signal)
        {
            Calls.Add("signal " + signal.Sequence);
            Signals.Add(signal);
        }

        public void OnFill(in Fill fill)
        {
            Calls.Add("fill " + fill.Sequence);
            Fills.Add(fill);
        }
    }
}
