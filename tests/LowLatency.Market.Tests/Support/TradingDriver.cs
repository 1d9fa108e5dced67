using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Support;

/// <summary>
/// Drives a <see cref="TradingState"/> the way the strategy stage does, without a strategy: each event is applied to
/// its symbol's book (filling what is due), then the given intents are submitted on it. Sequences count from 0.
/// </summary>
internal sealed class TradingDriver(SymbolTable symbols, in TradingOptions options)
{
    public TradingState Trading { get; } = new(symbols, options);

    /// <summary>Events applied so far: the sequence of the next one.</summary>
    public long Sequence { get; private set; }

    public IntentResult[] Trade(SymbolId symbol, decimal price, long timestampNs, params OrderIntent[] intents) =>
        On(MarketEvent.Trade(symbol, P(price), P(1m), timestampNs), intents);

    public IntentResult[] Quote(SymbolId symbol, decimal bid, decimal ask, long timestampNs, params OrderIntent[] intents) =>
        On(MarketEvent.Quote(symbol, P(bid), P(1m), P(ask), P(1m), timestampNs), intents);

    /// <summary>The one result of a single intent on a trade.</summary>
    public IntentResult TradeAnd(SymbolId symbol, decimal price, long timestampNs, OrderIntent intent) =>
        Trade(symbol, price, timestampNs, intent)[0];

    public IntentResult[] On(MarketEvent e, params OrderIntent[] intents)
    {
        long sequence = Sequence++;
        ref SymbolBook book = ref Trading.OnMarketEvent(ref e, sequence);
        var results = new IntentResult[intents.Length];
        for (int i = 0; i < intents.Length; i++)
        {
            results[i] = Trading.Submit(ref book, e.Symbol, in intents[i], sequence, e.TimestampNs);
        }

        return results;
    }

    public static OrderIntent Buy(decimal quantity, byte reason = 1) => OrderIntent.Market(SignalSide.Buy, P(quantity), reason);

    public static OrderIntent Sell(decimal quantity, byte reason = 2) => OrderIntent.Market(SignalSide.Sell, P(quantity), reason);

    public static OrderIntent BuyLimit(decimal quantity, decimal limit, byte reason = 1) =>
        OrderIntent.Limit(SignalSide.Buy, P(quantity), P(limit), reason);

    public static OrderIntent SellLimit(decimal quantity, decimal limit, byte reason = 2) =>
        OrderIntent.Limit(SignalSide.Sell, P(quantity), P(limit), reason);
}
