using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;
using static LowLatency.Market.Tests.Support.TradingDriver;

namespace LowLatency.Market.Tests.Trading;

/// <summary>The performance tracker seen as users see it: <see cref="TradingState.GetPerformance"/> and the points the
/// sink's <see cref="ISignalSink.OnEquity"/> receives.</summary>
public sealed class PerformanceTrackerTests
{
    private const long Ms = 1_000_000;

    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;
    private readonly SymbolId _msft = TestSymbols.Msft;
    private readonly EquityRecorder _equity = new();

    [Fact]
    public void OnEquity_IntervalOf1000Ns_StartThenFillsAndTheFirstEventAtOrAfterEachMultiple()
    {
        TradingDriver driver = Driver(new TradingOptions { EquityIntervalNs = 1_000 });

        driver.Trade(_aapl, 10m, 250, Buy(1m));   // the run's first event: Start
        driver.Trade(_aapl, 11m, 900);            // buy 1 @ 11: Fill
        driver.Trade(_aapl, 12m, 1_000);          // exactly on a multiple: Interval
        driver.Trade(_aapl, 13m, 1_500);
        driver.Trade(_msft, 5m, 2_999);           // the first event at or after 2 000, any symbol
        driver.Trade(_aapl, 14m, 3_000, Sell(1m));
        driver.Trade(_aapl, 15m, 7_200);          // sell 1 @ 15: Fill first; then one Interval for 4 000 to 7 000
        driver.Trade(_aapl, 16m, 7_999);
        driver.Trade(_aapl, 16m, 8_000);

        Assert.Equal(
        [
            (250L, EquityCause.Start, 0m, 0m), (900L, EquityCause.Fill, 0m, 0m), (1_000L, EquityCause.Interval, 0m, 1m),
            (2_999L, EquityCause.Interval, 0m, 2m), (3_000L, EquityCause.Interval, 0m, 3m), (7_200L, EquityCause.Fill, 4m, 0m),
            (7_200L, EquityCause.Interval, 4m, 0m), (8_000L, EquityCause.Interval, 4m, 0m),
        ], _equity.Points.Select(p => (p.TimestampNs, p.Cause, p.Realized, p.Unrealized)));
        Assert.Equal(5, driver.Trading.GetPerformance().Returns);
        Assert.Equal((250L, 8_000L), (driver.Trading.GetPerformance().FirstTimestampNs, driver.Trading.GetPerformance().LastTimestampNs));
    }

    [Fact]
    public void OnEquity_NegativeTimestamps_IntervalsOnTheMultiplesBelowZeroToo()
    {
        TradingDriver driver = Driver(new TradingOptions { EquityIntervalNs = 1_000 });

        foreach (long timestampNs in new long[] { -1_500, -1_001, -1_000, -1, 0, 999, 1_000 })
        {
            driver.Trade(_aapl, 10m, timestampNs);
        }

        Assert.Equal(
            [(-1_500L, EquityCause.Start), (-1_000L, EquityCause.Interval), (0L, EquityCause.Interval), (1_000L, EquityCause.Interval)],
            _equity.Points.Select(p => (p.TimestampNs, p.Cause)));
    }

    [Fact]
    public void OnEquity_EquityIntervalZero_StartAndFillPointsOnly()
    {
        TradingDriver driver = Driver(new TradingOptions { EquityIntervalNs = 0 });

        driver.Trade(_aapl, 10m, 0, Buy(2m));
        driver.Trade(_aapl, 11m, 3_600_000 * Ms, Sell(2m)); // an hour later: no interval point
        driver.Trade(_aapl, 12m, 7_200_000 * Ms);
        driver.Trade(_aapl, 13m, 9_000_000 * Ms);

        Assert.Equal(
            [(0L, EquityCause.Start, 0m), (3_600_000 * Ms, EquityCause.Fill, 0m), (7_200_000 * Ms, EquityCause.Fill, 2m)],
            _equity.Points.Select(p => (p.TimestampNs, p.Cause, p.Equity)));
        PerformanceSummary summary = driver.Trading.GetPerformance();
        Assert.Equal((0L, (double?)null), (summary.Returns, summary.Sharpe));
    }

    [Fact]
    public void GetPerformance_EquityRisesAndFalls_DrawdownFromTheRunningPeakInMoneyAndPercent()
    {
        var options = new TradingOptions { EquityIntervalNs = 1, StartingCapital = P(1_000m) }; // every later event: a point
        TradingDriver driver = Driver(options);

        driver.Trade(_aapl, 100m, 1, Buy(10m));
        driver.Trade(_aapl, 100m, 2);             // buy 10 @ 100
        driver.Trade(_aapl, 96m, 3);              // −40 below a peak of 0: 4 % of 1 000
        driver.Trade(_aapl, 150m, 4);             // 500: the new peak
        driver.Trade(_aapl, 146m, 5);             // 460: 40 / 1 500
        driver.Trade(_aapl, 149m, 6);
        driver.Trade(_aapl, 160m, 7, Sell(10m));  // 600: the new peak
        driver.Trade(_aapl, 155m, 8);             // sell 10 @ 155: 550, 50 below it, 50 / 1 600 = 3.125 %
        driver.Trade(_aapl, 1m, 9);               // flat: the price no longer matters

        ReferencePerformance.EquityRow[] points = [.. _equity.Points.Select(p => ReferencePerformance.EquityRow.Of(p))];
        Assert.Equal(
        [
            (EquityCause.Start, 0m, 0m), (EquityCause.Fill, 0m, 0m), (EquityCause.Interval, 0m, 0m), (EquityCause.Interval, -40m, 40m),
            (EquityCause.Interval, 500m, 0m), (EquityCause.Interval, 460m, 40m), (EquityCause.Interval, 490m, 10m),
            (EquityCause.Interval, 600m, 0m), (EquityCause.Fill, 550m, 50m), (EquityCause.Interval, 550m, 50m), (EquityCause.Interval, 550m, 50m),
        ], points.Select(p => (p.Cause, p.Equity, p.Drawdown)));
        Assert.Equal(ReferencePerformance.Drawdowns(points), points.Select(p => p.Drawdown));

        PerformanceSummary summary = driver.Trading.GetPerformance();
        Assert.Equal(50m, summary.MaxDrawdown);                   // the largest in money (at 3.125 %) ...
        Assert.Equal(4.0, summary.MaxDrawdownPercent, 1e-12);    // ... is not the largest in percent
        (decimal money, double percent) = ReferencePerformance.MaxDrawdown(points, 1_000m);
        Assert.Equal((money, percent), (summary.MaxDrawdown, summary.MaxDrawdownPercent));
    }

    [Fact]
    public void GetPerformance_PartialClosesAFlipAndFees_RoundTripsWinsAndAverageHolding()
    {
        var options = new TradingOptions { FeePerUnit = P(0.1m), EquityIntervalNs = 0 };
        TradingDriver driver = Driver(options);

        driver.Trade(_aapl, 10m, 100 * Ms, Buy(10m));
        driver.Trade(_aapl, 10m, 200 * Ms, Sell(4m));     // +10 @ 10, fee 1: trip 1 opens
        driver.Trade(_aapl, 11m, 300 * Ms, Sell(10m));    // −4 @ 11, fee 0.4: a partial close, realized 4
        driver.Trade(_aapl, 12m, 400 * Ms, Buy(4m));      // −10 @ 12, fee 1: closes 6 (realized 12) and opens −4: trip 1 = 16 − 2.4, a win
        driver.Trade(_aapl, 12.2m, 500 * Ms);             // +4 @ 12.2, fee 0.4: trip 2 = −0.8 − 0.4 (the flip's fee went to trip 1)
        driver.Trade(_msft, 20m, 600 * Ms, Buy(1m));
        driver.Trade(_msft, 20m, 700 * Ms, Sell(1m));     // +1 @ 20, fee 0.1
        driver.Trade(_msft, 20.05m, 800 * Ms, Buy(1m));   // −1 @ 20.05, fee 0.1: trip 3 = 0.05 − 0.2, a gain eaten by fees
        driver.Trade(_msft, 20m, 900 * Ms, Sell(1m));     // +1 @ 20, fee 0.1
        driver.Trade(_msft, 20.2m, 1_000 * Ms);           // −1 @ 20.2, fee 0.1: trip 4 = 0.2 − 0.2 = 0, not a win
        driver.Trade(_aapl, 13m, 1_100 * Ms, Buy(2m));
        driver.Trade(_aapl, 13m, 1_200 * Ms);             // +2 @ 13, fee 0.2: still open at the end, not a round trip
        driver.Trade(_aapl, 14m, 1_300 * Ms);

        PerformanceSummary summary = driver.Trading.GetPerformance();
        Assert.Equal((4L, 1L, 0.25), (summary.RoundTrips, summary.WinningRoundTrips, summary.WinRate));
        Assert.Equal(TimeSpan.FromMilliseconds((200 + 100 + 100 + 100) / 4.0), summary.AverageHolding);
        Assert.Equal((15.2m + 0.25m, 2m, 3.4m), (summary.RealizedPnl, summary.UnrealizedPnl, summary.Fees));
        Assert.Equal((17.45m, 14.05m), (summary.GrossPnl, summary.NetPnl));
        Assert.Equal(100m + 44m + 120m + 48.8m + 20m + 20.05m + 20m + 20.2m + 26m, summary.Turnover);
        ReferencePerformance.AssertMatches(summary, Fills(driver), [.. _equity.Points.Select(p => ReferencePerformance.EquityRow.Of(p))],
            2m, options, 100 * Ms, 1_300 * Ms);
    }

    [Fact]
    public void GetPerformance_PositionsWithGapsAndOverlaps_TimeInMarketIsTheirUnionOverTheRun()
    {
        var options = new TradingOptions { EquityIntervalNs = 0 };
        TradingDriver driver = Driver(options);

        driver.Trade(_aapl, 10m, 0, Buy(1m));     // the run starts at 0
        driver.Trade(_aapl, 10m, 100);            // AAPL open from 100
        driver.Trade(_msft, 5m, 150, Buy(1m));
        driver.Trade(_msft, 5m, 200);             // MSFT open from 200 too
        driver.Trade(_aapl, 10m, 300, Sell(1m));
        driver.Trade(_aapl, 11m, 400);            // AAPL flat, MSFT still open
        driver.Trade(_msft, 5m, 450, Sell(1m));
        driver.Trade(_msft, 6m, 500);             // all flat at 500: 400 in the market
        driver.Trade(_aapl, 11m, 700, Sell(2m));
        driver.Trade(_aapl, 11m, 800);            // short from 800 ...
        driver.Trade(_msft, 6m, 1_000);           // ... to the last event: 200 more

        PerformanceSummary summary = driver.Trading.GetPerformance();
        Assert.Equal(0.6, summary.TimeInMarket);
        Assert.Equal((2L, 2L), (summary.RoundTrips, summary.WinningRoundTrips));
        Assert.Equal(TimeSpan.FromTicks(3), summary.AverageHolding); // (300 + 300) / 2 ns, in whole 100 ns ticks
        ReferencePerformance.AssertMatches(summary, Fills(driver), [.. _equity.Points.Select(p => ReferencePerformance.EquityRow.Of(p))],
            0m, options, 0, 1_000);
    }

    [Fact]
    public void GetPerformance_SymbolsInterleavedOutOfTimeOrder_TimeInMarketStaysAShareOfTheRun()
    {
        // Each symbol's events are in order, the symbols are not (two Kafka partitions, one lagging): the documented
        // "fills are the same however symbols interleave" holds; time in market must still be a share, 0 to 1.
        TradingDriver driver = Driver(new TradingOptions { EquityIntervalNs = 0 });

        driver.Trade(_aapl, 10m, 1_000);          // the run's first event
        driver.Trade(_msft, 5m, 500, Buy(1m));    // MSFT's partition is behind
        driver.Trade(_msft, 5m, 600);             // buy 1 @ 5: in the market from MSFT's 600
        driver.Trade(_aapl, 10m, 1_100);          // the last event

        PerformanceSummary summary = driver.Trading.GetPerformance();
        Assert.Equal(P(1m), driver.Trading.GetPosition(_msft));
        Assert.InRange(summary.TimeInMarket, 0, 1);
    }

    [Fact]
    public void GetPerformance_FourIntervalReturns_SharpeIsTheirMeanOverSampleStdevAnnualised()
    {
        TradingDriver driver = Driver(new TradingOptions { StartingCapital = P(1_000m) }); // 1 minute intervals
        const long Minute = 60_000 * Ms;

        driver.Trade(_aapl, 100m, 0, Buy(10m));
        driver.Trade(_aapl, 100m, 1_000 * Ms);    // buy 10 @ 100
        driver.Trade(_aapl, 101m, Minute);        // E1 = 10
        driver.Trade(_aapl, 100.5m, 2 * Minute);  // E2 = 5
        driver.Trade(_aapl, 102m, 3 * Minute);    // E3 = 20
        driver.Trade(_aapl, 102m, 4 * Minute);    // E4 = 20

        double[] returns = [10 / 1_000.0, -5 / 1_010.0, 15 / 1_005.0, 0];
        double mean = returns.Average();
        double stdev = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / 3);
        double expected = mean / stdev * Math.Sqrt(365.25 * 24 * 60);
        PerformanceSummary summary = driver.Trading.GetPerformance();
        Assert.Equal(4, summary.Returns);
        Assert.Equal(expected, summary.Sharpe!.Value, Math.Abs(expected) * 1e-9);
        ReferencePerformance.AssertSharpe(expected, ReferencePerformance.Sharpe(_equity.Points.Select(p => ReferencePerformance.EquityRow.Of(p)), 1_000m, Minute));
    }

    [Fact]
    public void GetPerformance_OneReturnOrNoVariation_NoSharpe()
    {
        TradingDriver one = Driver(new TradingOptions { EquityIntervalNs = 10 });
        one.Trade(_aapl, 10m, 0, Buy(1m));
        one.Trade(_aapl, 11m, 10);
        Assert.Equal((1L, (double?)null), (one.Trading.GetPerformance().Returns, one.Trading.GetPerformance().Sharpe));

        TradingDriver flat = Driver(new TradingOptions { EquityIntervalNs = 10 });
        for (int i = 0; i < 5; i++)
        {
            flat.Trade(_aapl, 10m + i, i * 10);   // never a position: every return is 0
        }

        Assert.Equal((4L, (double?)null), (flat.Trading.GetPerformance().Returns, flat.Trading.GetPerformance().Sharpe));
    }

    [Fact]
    public void GetPerformance_EquityFellBelowMinusTheCapital_NoReturnOnNothingAndNoSharpe()
    {
        TradingDriver driver = Driver(new TradingOptions { EquityIntervalNs = 10, StartingCapital = P(100m) });

        driver.Trade(_aapl, 100m, 0, Buy(10m));
        driver.Trade(_aapl, 100m, 5);             // buy 10 @ 100
        driver.Trade(_aapl, 101m, 10);            // E1 = 10: r = 10 / 100
        driver.Trade(_aapl, 80m, 20);             // E2 = −200: r = −210 / 110
        driver.Trade(_aapl, 90m, 30);             // E3 = −100 on a basis of 100 − 200: no return
        driver.Trade(_aapl, 95m, 40);             // E4 = −50 on a basis of 0: none either
        driver.Trade(_aapl, 100m, 50);            // E5 = 0 on a basis of 50: a return again

        PerformanceSummary summary = driver.Trading.GetPerformance();
        Assert.Equal((3L, (double?)null), (summary.Returns, summary.Sharpe));
        (double[] returns, bool capitalLost) = ReferencePerformance.IntervalReturns(_equity.Points.Select(p => ReferencePerformance.EquityRow.Of(p)), 100m);
        Assert.True(capitalLost);
        Assert.Equal([0.1, -210 / 110.0, 50 / 50.0], returns, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void GetPerformance_NoEvents_ZerosAndTheStartingCapital()
    {
        PerformanceSummary summary = new TradingState(_symbols, new TradingOptions()).GetPerformance();

        Assert.Equal(
            new PerformanceSummary(0m, 0m, 0m, 0m, 0m, 0m, 0, null, 0, 0, 0, 0m, TimeSpan.Zero, 0, 100_000m, long.MinValue, long.MinValue),
            summary);
        Assert.Equal(0, summary.WinRate);
    }

    [Fact]
    public void OnMarketEvent_SteadyStateWithAnEquitySink_AllocatesNothing()
    {
        var recorder = new EquityRecorder(capacity: 1_024);
        var trading = new TradingState(_symbols, new TradingOptions
        {
            FeeBps = P(0.5m),
            FeePerUnit = P(0.0035m),
            SlippageBps = P(1m),
            EquityIntervalNs = 1_000,
            SignalLogCapacity = 10,
            FillLogCapacity = 10,
        });
        trading.Sink = recorder;
        OrderIntent[] intents = [Buy(3m), Sell(5m), Buy(2m)]; // per symbol: long 3, flip to short 2, flat
        long sequence = 0;

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 50_000; i++)
            {
                long timestampNs = sequence * 100;
                MarketEvent e = i % 3 == 0
                    ? MarketEvent.Quote(i % 2 == 0 ? _aapl : _msft, FixedPoint.FromRaw(10_000_000_000 + (i % 7)), P(1m), FixedPoint.FromRaw(10_000_000_100), P(1m), timestampNs)
                    : MarketEvent.Trade(i % 2 == 0 ? _aapl : _msft, FixedPoint.FromRaw(10_000_000_000 + (i % 11)), P(1m), timestampNs);
                ref SymbolBook book = ref trading.OnMarketEvent(ref e, sequence);
                trading.Submit(ref book, e.Symbol, in intents[i / 2 % 3], sequence++, timestampNs);
            }
        });

        Assert.Equal(0, allocated);
        PerformanceSummary summary = trading.GetPerformance();
        Assert.True(recorder.Count > 100_000 && summary.Returns > 10_000 && summary.RoundTrips > 10_000, $"{recorder.Count} points, {summary}");
    }

    private TradingDriver Driver(in TradingOptions options)
    {
        var driver = new TradingDriver(_symbols, options);
        driver.Trading.Sink = _equity;
        return driver;
    }

    private List<ReferencePerformance.FillRow> Fills(TradingDriver driver) =>
        [.. driver.Trading.Fills.Fills.ToArray().Select(f => ReferencePerformance.FillRow.Of(f, _symbols))];
}
