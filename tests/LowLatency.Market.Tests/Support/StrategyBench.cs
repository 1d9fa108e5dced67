using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Support;

/// <summary>
/// The strategy stage alone, with the aggregates it reads set by the test: each event is handed to the real
/// <see cref="StrategyHandler{TStrategy}"/> with the rolling VWAP (on the event) and the rolling mid (in its view) the
/// test chooses, so a strategy's decisions can be checked at exact fair prices.
/// </summary>
internal sealed class StrategyBench<TStrategy>
    where TStrategy : struct, IStrategy<TStrategy>
{
    private readonly AggregateRing _views = new(1);
    private StrategyHandler<TStrategy> _handler;

    public StrategyBench(SymbolTable symbols, TStrategy strategy, in TradingOptions options = default)
    {
        Trading = new TradingState(symbols, options == default ? new TradingOptions() : options);
        _handler = new StrategyHandler<TStrategy>(strategy, Trading, _views);
    }

    public TradingState Trading { get; }

    /// <summary>Events handed to the strategy so far: the sequence of the next one (and its timestamp).</summary>
    public long Sequence { get; private set; }

    /// <summary>A trade at <paramref name="price"/> with the symbol's rolling VWAP at <paramref name="rollingVwap"/>;
    /// returns the side the stage wrote to <see cref="MarketEvent.Signal"/>.</summary>
    public SignalSide Trade(SymbolId symbol, decimal price, decimal rollingVwap, decimal size = 1m) =>
        Run(MarketEvent.Trade(symbol, P(price), P(size), Sequence), rollingVwap, 0m);

    /// <summary>A quote with the symbol's rolling mid at <paramref name="rollingMid"/> (and rolling VWAP, zero on
    /// quote-only data).</summary>
    public SignalSide Quote(SymbolId symbol, decimal bid, decimal ask, decimal rollingMid, decimal rollingVwap = 0m) =>
        Run(MarketEvent.Quote(symbol, P(bid), P(1m), P(ask), P(1m), Sequence), rollingVwap, rollingMid);

    private SignalSide Run(MarketEvent e, decimal rollingVwap, decimal rollingMid)
    {
        e.RollingVwap = P(rollingVwap);
        long sequence = Sequence++;
        _views[sequence] = new AggregateView { MidSum = P(rollingMid).Raw, MidWeight = 1 };
        _handler.OnEvent(ref e, sequence, true);
        return e.Signal;
    }
}
