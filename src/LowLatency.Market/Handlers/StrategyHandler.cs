using LowLatency.Engine;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Market.Handlers;

/// <summary>
/// Last stage: for every accepted trade or quote, applies it to the symbol's book and fills the symbol's due orders
/// (<see cref="TradingState"/>), then calls the strategy with the event, the aggregator's view of the slot and the
/// position; the side of the first order it places is written to <see cref="MarketEvent.Signal"/>. Generic over the
/// strategy struct, so its callbacks are inlined into the stage's loop.
/// </summary>
public struct StrategyHandler<TStrategy> : IEventHandler<MarketEvent>
    where TStrategy : struct, IStrategy<TStrategy>
{
    private readonly TradingState _trading;
    private readonly AggregateRing _views;
    private TStrategy _strategy; // not readonly: the strategy is a mutable struct

    internal StrategyHandler(TStrategy strategy, TradingState trading, AggregateRing views)
    {
        _strategy = strategy;
        _trading = trading;
        _views = views;
    }

    public readonly TradingState Trading => _trading;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        int id = data.Symbol.Value;
        if (data.FilterReason != FilterReason.None || (uint)id >= (uint)_trading.SymbolCapacity
            || (data.Kind != MarketEventKind.Trade && data.Kind != MarketEventKind.Quote))
        {
            data.Signal = SignalSide.None;
            return;
        }

        ref SymbolBook book = ref _trading.OnMarketEvent(ref data, sequence);
        var context = new StrategyContext(ref data, ref _views[sequence], ref book, _trading, sequence);
        if (data.Kind == MarketEventKind.Trade)
        {
            _strategy.OnTrade(ref context);
        }
        else
        {
            _strategy.OnQuote(ref context);
        }

        data.Signal = context.FirstSignal;
    }
}
