using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.SignalSide;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Strategies;

public sealed class VwapMeanReversionStrategyTests
{
    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;

    [Fact]
    public void OnTrade_EntryExitStopAndReArm_ExactSignals()
    {
        var bench = Bench(new VwapMeanReversionOptions { EntryBps = 10, ExitBps = 2, StopBps = 30, OrderQuantity = P(1m) });

        decimal[] prices =
        [
            99.95m,     //  0: 5 bps under: inside the entry band
            99.90m,     //  1: 10 bps under: long entry
            99.80m,     //  2: filled at 99.80; neither back at fair nor stopped
            99.98m,     //  3: within 2 bps of fair: exit
            99.90m,     //  4: exit filled (+0.10); 10 bps under again, but an exit disarms the entry
            99.95m,     //  5: back inside the entry band: re-armed (no entry on this event)
            100.10m,    //  6: 10 bps over: short entry
            100.12m,    //  7: filled at 100.12
            100.42035m, //  8: 29.99… bps against the average cost: not stopped yet
            100.42036m, //  9: 30 bps against 100.12 exactly: stop
            100.50m,    // 10: stop filled (−0.38); still far over fair: stays disarmed
            99.99m,     // 11: inside the band: re-armed
            99.89m,     // 12: long entry, left open
        ];
        SignalSide[] sides = [.. prices.Select(price => bench.Trade(_aapl, price, rollingVwap: 100m))];

        Assert.Equal([None, Buy, None, Sell, None, None, Sell, None, None, Buy, None, None, Buy], sides);
        Assert.Equal(
        [
            new Signal(_aapl, Buy, P(1m), P(99.90m), 1, 1, VwapMeanReversionStrategy.EntryBelowFair),
            new Signal(_aapl, Sell, P(1m), P(99.98m), 3, 3, VwapMeanReversionStrategy.ExitAtFair),
            new Signal(_aapl, Sell, P(1m), P(100.10m), 6, 6, VwapMeanReversionStrategy.EntryAboveFair),
            new Signal(_aapl, Buy, P(1m), P(100.42036m), 9, 9, VwapMeanReversionStrategy.StopLoss),
            new Signal(_aapl, Buy, P(1m), P(99.89m), 12, 12, VwapMeanReversionStrategy.EntryBelowFair),
        ], bench.Trading.Signals.Signals.ToArray());
        Assert.Equal(-0.28m, bench.Trading.GetRealizedPnl(_aapl));
        Assert.Equal(1, bench.Trading.OpenOrderCount);
    }

    [Fact]
    public void OnTrade_OrderInFlight_DecidesAgainOnlyOnceItFilled()
    {
        // Timestamps are the sequence numbers: a 2 ns fill latency fills two events later.
        var bench = Bench(new VwapMeanReversionOptions { EntryBps = 10, ExitBps = 2, OrderQuantity = P(1m) }, new TradingOptions { FillLatencyNs = 2 });

        SignalSide[] sides =
        [
            bench.Trade(_aapl, 99.90m, rollingVwap: 100m),  // 0: entry
            bench.Trade(_aapl, 99.98m, rollingVwap: 100m),  // 1: at fair, but the entry is still on its way
            bench.Trade(_aapl, 99.98m, rollingVwap: 100m),  // 2: filled at 99.98, then the exit
        ];

        Assert.Equal([Buy, None, Sell], sides);
        Assert.Equal(P(99.98m), bench.Trading.Fills[0].Price);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OnTrade_AllowShort_ShortEntryOnlyWhenAllowed(bool allowShort)
    {
        var bench = Bench(new VwapMeanReversionOptions { EntryBps = 10, OrderQuantity = P(1m), AllowShort = allowShort });

        Assert.Equal(allowShort ? Sell : None, bench.Trade(_aapl, 100.10m, rollingVwap: 100m));
        Assert.Equal(Buy, bench.Trade(_aapl, 99.90m, rollingVwap: 100m)); // the short exits: back beyond fair
        Assert.Equal(allowShort ? VwapMeanReversionStrategy.ExitAtFair : VwapMeanReversionStrategy.EntryBelowFair, bench.Trading.Signals[^1].Reason);
    }

    [Theory]
    [InlineData(99.99999999, None)] // exit-bps 0: only at or over fair
    [InlineData(100, Sell)]
    [InlineData(100.5, Sell)]
    public void OnTrade_ExitAtZeroBps_ExitsAtOrOverFair(decimal price, SignalSide expected)
    {
        var bench = Bench(new VwapMeanReversionOptions { EntryBps = 10, StopBps = 0, OrderQuantity = P(1m) });
        bench.Trade(_aapl, 99m, rollingVwap: 100m);
        bench.Trade(_aapl, 99m, rollingVwap: 100m);   // long 1 @ 99

        Assert.Equal(expected, bench.Trade(_aapl, price, rollingVwap: 100m));
    }

    [Fact]
    public void OnQuote_QuoteOnlyData_MidAgainstTheRollingMid()
    {
        var bench = Bench(new VwapMeanReversionOptions { EntryBps = 10, ExitBps = 2, OrderQuantity = P(3m) });

        SignalSide[] sides =
        [
            bench.Quote(_aapl, 99.89m, 99.91m, rollingMid: 100m),   // mid 99.90: entry at the ask
            bench.Quote(_aapl, 99.97m, 99.99m, rollingMid: 100m),   // filled at 99.99; mid 99.98 within 2 bps: exit at the bid
            bench.Quote(_aapl, 99.96m, 99.98m, rollingMid: 100m),   // exit filled at 99.96
            bench.Quote(_aapl, 99.96m, 99.98m, rollingMid: 0m),     // no fair price: nothing
        ];

        Assert.Equal([Buy, Sell, None, None], sides);
        Assert.Equal([(Buy, P(99.91m)), (Sell, P(99.97m))], bench.Trading.Signals.Signals.ToArray().Select(s => (s.Side, s.Price)));
        Assert.Equal(-0.09m, bench.Trading.GetRealizedPnl(_aapl)); // 3 × (99.96 − 99.99)
    }

    [Fact]
    public void OnTrade_NotionalSizing_TwoSignificantDigitsOfUnits()
    {
        var bench = Bench(new VwapMeanReversionOptions());

        Assert.Equal(Buy, bench.Trade(_aapl, 167.42m, rollingVwap: 170m));

        Assert.Equal(P(59m), bench.Trading.Signals[0].Quantity);
    }

    [Fact]
    public void Create_Parameters_ReadAndValidated()
    {
        var parameters = new StrategyParameters(new Dictionary<string, string?>
        {
            ["entry-bps"] = "10",
            ["exit-bps"] = "2",
            ["stop_bps"] = "30",
            ["OrderQuantity"] = "1",
            ["allow-short"] = "no",
        });
        var bench = new StrategyBench<VwapMeanReversionStrategy>(_symbols, VwapMeanReversionStrategy.Create(parameters, new StrategySetup(_symbols)));

        Assert.Equal(None, bench.Trade(_aapl, 100.10m, rollingVwap: 100m));       // no shorts
        Assert.Equal(Buy, bench.Trade(_aapl, 99.90m, rollingVwap: 100m));
        parameters.ThrowIfUnread(VwapMeanReversionStrategy.Name);

        var equal = new StrategyParameters(new Dictionary<string, string?> { ["entry-bps"] = "5", ["exit_bps"] = "5" }, "LowLatency:Strategy:Parameters:{0}");
        var ex = Assert.Throws<StrategyParameterException>(() => VwapMeanReversionStrategy.Create(equal, new StrategySetup(_symbols)));
        Assert.Equal("LowLatency:Strategy:Parameters:exit_bps: must be below entry-bps (got 5 and 5).", ex.Message);
        Assert.Throws<ArgumentException>(() => new VwapMeanReversionStrategy(new VwapMeanReversionOptions { EntryBps = 3, ExitBps = 3 }, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VwapMeanReversionStrategy(new VwapMeanReversionOptions { EntryBps = 0 }, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VwapMeanReversionStrategy(new VwapMeanReversionOptions { StopBps = -1 }, 8));
    }

    [Fact]
    public void ReasonName_Codes_NamedForCsvAndSummaries()
    {
        Assert.Equal("vwap-mean-reversion", VwapMeanReversionStrategy.Name);
        Assert.Equal(
            ["unknown", "entry_below_fair", "entry_above_fair", "exit_at_fair", "stop_loss", "unknown"],
            Enumerable.Range(0, 6).Select(code => VwapMeanReversionStrategy.ReasonName((byte)code)));
    }

    [Fact]
    public void Replay_SpyTradeDay_RoundTripsPairUp()
    {
        using MarketPipeline pipeline = RecordedReplay.Run("lean/equity/usa/tick/spy/20131008_trade.zip", VwapMeanReversionStrategy.Name);
        TradingState trading = pipeline.Trading;

        Assert.InRange(trading.Signals.TotalCount, 21, 1_999);
        Assert.Equal(trading.Signals.TotalCount, trading.Fills.TotalCount + trading.OpenOrderCount);
        // One position at a time: every fill either opens from flat or closes to flat.
        Assert.All(trading.Fills.Fills.ToArray(), f => Assert.True(
            f.PositionAfter == FixedPoint.Zero || f.Reason is VwapMeanReversionStrategy.EntryBelowFair or VwapMeanReversionStrategy.EntryAboveFair));
    }

    private StrategyBench<VwapMeanReversionStrategy> Bench(VwapMeanReversionOptions options, TradingOptions trading = default) =>
        new(_symbols, new VwapMeanReversionStrategy(options, _symbols.Capacity), trading);
}
