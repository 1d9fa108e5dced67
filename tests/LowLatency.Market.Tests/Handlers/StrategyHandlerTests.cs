using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Tests.Support;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Handlers;

public sealed class StrategyHandlerTests
{
    private readonly SymbolTable _symbols = new(capacity: 8);
    private readonly SymbolId _aapl;
    private readonly SymbolId _msft;

    public StrategyHandlerTests()
    {
        _aapl = _symbols.GetOrAdd("AAPL");
        _msft = _symbols.GetOrAdd("MSFT");
    }

    [Fact]
    public void OnEvent_ClassicThreshold_MatchesReference()
    {
        var options = new StrategyOptions { MaxPosition = P(500m), SignalLogCapacity = 1_000 };
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Seed = 3 }, 20_000);
        EventStream.Filter(_symbols, events);
        var handler = new StrategyHandler(new StrategyState(_symbols, options));

        EventStream.Run(ref handler, events);

        // Reference: buy below 150, sell above 150, 100 a time, skip what would leave |position| > 500;
        // average cost in decimal, fills at the trade price.
        var expected = new List<Signal>();
        var position = new Dictionary<SymbolId, decimal>();
        var cost = new Dictionary<SymbolId, decimal>();
        var realized = new Dictionary<SymbolId, decimal>();
        var last = new Dictionary<SymbolId, decimal>();
        int suppressed = 0;
        for (int i = 0; i < events.Length; i++)
        {
            MarketEvent e = events[i];
            decimal price = D(e.Price);
            last[e.Symbol] = price;
            SignalSide side = price < 150m ? SignalSide.Buy : price > 150m ? SignalSide.Sell : SignalSide.None;
            decimal held = position.GetValueOrDefault(e.Symbol);
            decimal next = held + (side == SignalSide.Buy ? 100m : side == SignalSide.Sell ? -100m : 0m);
            if (side != SignalSide.None && Math.Abs(next) > 500m)
            {
                suppressed++;
                side = SignalSide.None;
            }

            Assert.Equal(side, e.Signal);
            if (side == SignalSide.None)
            {
                continue;
            }

            expected.Add(new Signal(e.Symbol, side, P(100m), e.Price, e.TimestampNs, i, side == SignalSide.Buy ? SignalReason.PriceBelowThreshold : SignalReason.PriceAboveThreshold));
            decimal c = cost.GetValueOrDefault(e.Symbol);
            if (held == 0 || Math.Sign(held) == Math.Sign(next - held))
            {
                cost[e.Symbol] = c + ((next - held) * price);
            }
            else
            {
                decimal released = c * 100m / Math.Abs(held);
                realized[e.Symbol] = realized.GetValueOrDefault(e.Symbol) + (held > 0 ? (100m * price) - released : -released - (100m * price));
                cost[e.Symbol] = c - released;
            }

            position[e.Symbol] = next;
        }

        StrategyState state = handler.State;
        Assert.Equal(expected.Count, state.Signals.TotalCount);
        Assert.True(expected.Count > 1_000, "the reference should overflow the log");
        Assert.Equal(1_000, state.Signals.Count);
        Assert.Equal(expected.Count - 1_000, state.Signals.OverflowCount);
        Assert.Equal(expected.Take(1_000), state.Signals.Signals.ToArray());
        Assert.True(suppressed > 0);
        Assert.Equal(suppressed, state.SuppressedCount);
        Assert.Equal(events.Length, state.TradeCount);
        decimal expectedUnrealized = 0;
        foreach (SymbolId id in position.Keys)
        {
            Assert.Equal(expected.Count(s => s.Symbol == id && s.Side == SignalSide.Buy), state.Signals.GetCount(id, SignalSide.Buy));
            Assert.Equal(expected.Count(s => s.Symbol == id && s.Side == SignalSide.Sell), state.Signals.GetCount(id, SignalSide.Sell));
            Assert.Equal(position[id], D(state.GetPosition(id)));
            Assert.Equal(last[id], D(state.GetLastPrice(id)));
            decimal unrealized = (position[id] * last[id]) - cost.GetValueOrDefault(id);
            expectedUnrealized += unrealized;
            Assert.Equal(realized.GetValueOrDefault(id), state.GetRealizedPnl(id), 10);
            Assert.Equal(unrealized, state.GetUnrealizedPnl(id), 10);
        }

        Assert.Equal(realized.Values.Sum(), state.TotalRealizedPnl, 10);
        Assert.Equal(expectedUnrealized, state.TotalUnrealizedPnl, 10);
        Assert.Equal(realized.Values.Sum() + expectedUnrealized, state.TotalPnl, 10);
    }

    [Fact]
    public void OnEvent_HandComputedTrades_AverageCostPnl()
    {
        var handler = Create(new StrategyOptions { MaxPosition = P(200m) });

        SignalSide[] sides =
        [
            Trade(ref handler, _aapl, 140m),    // buy: +100 @ 140
            Trade(ref handler, _aapl, 145m),    // buy: +200, cost 28 500, avg 142.5
            Trade(ref handler, _aapl, 148m),    // buy would reach 300 > 200: skipped
            Trade(ref handler, _aapl, 160m),    // sell: +100, realized 100 × (160 − 142.5) = 1 750
            Trade(ref handler, _aapl, 155m),    // sell: flat, realized += 1 250 -> 3 000
            Trade(ref handler, _aapl, 170m),    // sell: −100 @ 170
            Trade(ref handler, _aapl, 165m),    // sell: −200, cost −33 500, avg 167.5
            Trade(ref handler, _aapl, 150m),    // neither below nor above 150
            Trade(ref handler, _aapl, 149.5m),  // buy: −100, realized += 100 × (167.5 − 149.5) = 1 800 -> 4 800
            Trade(ref handler, _msft, 100m),    // buy: +100 @ 100
            Trade(ref handler, _msft, 120m),    // buy: +200, cost 22 000
        ];

        StrategyState state = handler.State;
        Assert.Equal(
            [SignalSide.Buy, SignalSide.Buy, SignalSide.None, SignalSide.Sell, SignalSide.Sell, SignalSide.Sell, SignalSide.Sell,
             SignalSide.None, SignalSide.Buy, SignalSide.Buy, SignalSide.Buy],
            sides);
        Assert.Equal(1, state.SuppressedCount);
        Assert.Equal(9, state.Signals.TotalCount);
        Assert.Equal(P(-100m), state.GetPosition(_aapl));
        Assert.Equal(P(167.5m), state.GetAverageCost(_aapl));
        Assert.Equal(4_800m, state.GetRealizedPnl(_aapl));
        Assert.Equal(1_800m, state.GetUnrealizedPnl(_aapl));        // −100 × 149.5 + 16 750
        Assert.Equal(6_600m, state.GetTotalPnl(_aapl));
        Assert.Equal(P(200m), state.GetPosition(_msft));
        Assert.Equal(P(110m), state.GetAverageCost(_msft));
        Assert.Equal(0m, state.GetRealizedPnl(_msft));
        Assert.Equal(2_000m, state.GetUnrealizedPnl(_msft));        // 200 × 120 − 22 000
        Assert.Equal(4_800m, state.TotalRealizedPnl);
        Assert.Equal(3_800m, state.TotalUnrealizedPnl);
        Assert.Equal(8_600m, state.TotalPnl);
        Assert.Equal(new Signal(_aapl, SignalSide.Buy, P(100m), P(149.5m), 8, 8, SignalReason.PriceBelowThreshold), state.Signals[6]);
    }

    [Theory]
    [InlineData(99.80, SignalSide.Buy)]          // exactly 20 bps under
    [InlineData(99.80000001, SignalSide.None)]
    [InlineData(50, SignalSide.Buy)]
    [InlineData(100, SignalSide.None)]
    [InlineData(100.29999999, SignalSide.None)]
    [InlineData(100.30, SignalSide.Sell)]        // exactly 30 bps over
    [InlineData(180, SignalSide.Sell)]
    public void OnEvent_MeanReversion_BoundariesInBasisPoints(decimal price, SignalSide expected)
    {
        var handler = Create(new StrategyOptions { Kind = StrategyKind.VwapMeanReversion, BuyBelowVwapBps = 20, SellAboveVwapBps = 30 });

        Assert.Equal(expected, Trade(ref handler, _aapl, price, rollingVwap: 100m));
        Assert.Equal(expected == SignalSide.None ? 0 : 1, handler.State.Signals.TotalCount);
        if (expected != SignalSide.None)
        {
            Signal signal = handler.State.Signals[0];
            Assert.Equal(expected == SignalSide.Buy ? SignalReason.BelowRollingVwap : SignalReason.AboveRollingVwap, signal.Reason);
            Assert.Equal(P(price), signal.Price);
        }
    }

    [Fact]
    public void OnEvent_MeanReversionWithoutVwap_NoSignal()
    {
        var handler = Create(new StrategyOptions { Kind = StrategyKind.VwapMeanReversion });

        Assert.Equal(SignalSide.None, Trade(ref handler, _aapl, 0.01m, rollingVwap: 0m));
        Assert.Equal(1, handler.State.TradeCount);
        Assert.Equal(P(0.01m), handler.State.GetLastPrice(_aapl));
    }

    [Fact]
    public void OnEvent_MeanReversionAfterAggregator_MatchesReference()
    {
        var options = new StrategyOptions { Kind = StrategyKind.VwapMeanReversion, BuyBelowVwapBps = 4, SellAboveVwapBps = 3, MaxPosition = P(100_000m) };
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk, Seed = 8 }, 20_000);
        EventStream.Filter(_symbols, events);
        EventStream.Aggregate(_symbols, events, new AggregatorOptions { RollingBucketWidthNs = 100_000_000, RollingBucketCount = 10 });
        var handler = new StrategyHandler(new StrategyState(_symbols, options));

        EventStream.Run(ref handler, events);

        int buys = 0, sells = 0;
        foreach (MarketEvent e in events)
        {
            SignalSide expected = SignalSide.None;
            if (e.Kind == MarketEventKind.Trade)
            {
                decimal vwap = D(e.RollingVwap);
                decimal bps = (D(e.Price) - vwap) / vwap * 10_000m;
                expected = bps <= -4m ? SignalSide.Buy : bps >= 3m ? SignalSide.Sell : SignalSide.None;
            }

            Assert.Equal(expected, e.Signal);
            buys += expected == SignalSide.Buy ? 1 : 0;
            sells += expected == SignalSide.Sell ? 1 : 0;
        }

        Assert.True(buys > 10 && sells > 10, "buys " + buys + ", sells " + sells);
        Assert.Equal(buys, handler.State.Signals.BuyCount);
        Assert.Equal(sells, handler.State.Signals.SellCount);
    }

    [Fact]
    public void OnEvent_PositionLimit_NeverExceededAndSkippedSignalsCounted()
    {
        var handler = Create(new StrategyOptions { MaxPosition = P(300m), OrderQuantity = P(100m) });
        int wouldSignal = 0;
        var random = new Xoshiro256StarStar(17);
        for (int i = 0; i < 5_000; i++)
        {
            decimal price = 100m + random.NextBounded(101);
            wouldSignal += price != 150m ? 1 : 0;
            Trade(ref handler, i % 2 == 0 ? _aapl : _msft, price);
            Assert.InRange(handler.State.GetPosition(_aapl).Raw, P(-300m).Raw, P(300m).Raw);
            Assert.InRange(handler.State.GetPosition(_msft).Raw, P(-300m).Raw, P(300m).Raw);
        }

        Assert.True(handler.State.SuppressedCount > 0);
        Assert.Equal(wouldSignal, handler.State.Signals.TotalCount + handler.State.SuppressedCount);
    }

    [Fact]
    public void OnEvent_ZeroPositionLimit_SkipsEverySignal()
    {
        var handler = Create(new StrategyOptions { MaxPosition = FixedPoint.Zero });

        Assert.Equal(SignalSide.None, Trade(ref handler, _aapl, 100m));
        Assert.Equal(SignalSide.None, Trade(ref handler, _aapl, 200m));

        Assert.Equal(2, handler.State.SuppressedCount);
        Assert.Equal(0, handler.State.Signals.TotalCount);
        Assert.Equal(0m, handler.State.TotalPnl);
    }

    [Fact]
    public void OnEvent_QuotesAndFilteredTrades_NoSignalAndNoMark()
    {
        var handler = Create(new StrategyOptions());
        MarketEvent quote = MarketEvent.Quote(_aapl, P(100m), P(1m), P(100.01m), P(1m), 1);
        quote.Signal = SignalSide.Buy; // stale value from the slot's previous use
        MarketEvent rejected = MarketEvent.Trade(_aapl, P(100m), P(1m), 2);
        rejected.FilterReason = FilterReason.PriceOutOfBand;

        handler.OnEvent(ref quote, 0, false);
        handler.OnEvent(ref rejected, 1, true);

        Assert.Equal(SignalSide.None, quote.Signal);
        Assert.Equal(SignalSide.None, rejected.Signal);
        Assert.Equal(0, handler.State.TradeCount);
        Assert.Equal(0, handler.State.Signals.TotalCount);
        Assert.Equal(FixedPoint.Zero, handler.State.GetLastPrice(_aapl));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyState(_symbols, new StrategyOptions { BuyBelow = P(151m) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyState(_symbols, new StrategyOptions { BuyBelowVwapBps = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyState(_symbols, new StrategyOptions { OrderQuantity = FixedPoint.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyState(_symbols, new StrategyOptions { MaxPosition = P(-1m) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyState(_symbols, new StrategyOptions { SignalLogCapacity = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyState(_symbols, new StrategyOptions { Kind = (StrategyKind)7 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyState(_symbols, new StrategyOptions()).GetPosition(new SymbolId(8)));
    }

    [Theory]
    [InlineData(StrategyKind.Threshold)]
    [InlineData(StrategyKind.VwapMeanReversion)]
    public void OnEvent_SteadyState_AllocatesNothing(StrategyKind kind)
    {
        MarketEvent[] events = EventStream.Generate(_symbols, new MarketEventGeneratorOptions(), 100_000);
        EventStream.Filter(_symbols, events);
        EventStream.Aggregate(_symbols, events, new AggregatorOptions());
        var handler = Create(new StrategyOptions { Kind = kind, SignalLogCapacity = 100 });

        long allocated = Allocation.Measure(() => EventStream.Run(ref handler, events));

        Assert.Equal(0, allocated);
        Assert.True(handler.State.Signals.TotalCount > 100, "signals: " + handler.State.Signals.TotalCount);
    }

    private StrategyHandler Create(in StrategyOptions options) => new(new StrategyState(_symbols, options));

    private static SignalSide Trade(ref StrategyHandler handler, SymbolId symbol, decimal price, decimal rollingVwap = 0m)
    {
        long sequence = handler.State.TradeCount;
        MarketEvent e = MarketEvent.Trade(symbol, P(price), P(1m), sequence);
        e.RollingVwap = P(rollingVwap);
        handler.OnEvent(ref e, sequence, true);
        return e.Signal;
    }
}
