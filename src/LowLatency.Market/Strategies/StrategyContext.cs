using LowLatency.Market.Handlers;
using LowLatency.Market.Trading;

namespace LowLatency.Market.Strategies;

/// <summary>
/// What a strategy sees of one event and what it can do about it: the event, its symbol's book and aggregates as of
/// this event, the symbol's position and PnL, and order intents. Passed by <c>ref</c>, lives on the stack, allocates
/// nothing. Prices and quantities are exact <see cref="FixedPoint"/>s; zero means "not seen yet".
/// </summary>
public ref struct StrategyContext
{
    private readonly ref MarketEvent _event;
    private readonly ref readonly AggregateView _view;
    private readonly ref SymbolBook _book;
    private readonly TradingState _trading;
    private readonly long _sequence;
    private SignalSide _firstSignal;

    internal StrategyContext(ref MarketEvent e, ref readonly AggregateView view, ref SymbolBook book, TradingState trading, long sequence)
    {
        _event = ref e;
        _view = ref view;
        _book = ref book;
        _trading = trading;
        _sequence = sequence;
    }

    /// <summary>The event itself (a trade or a quote), as the filter and aggregator left it.</summary>
    public readonly ref readonly MarketEvent Event => ref _event;

    public readonly SymbolId Symbol => _event.Symbol;

    /// <summary>Ring sequence of the event.</summary>
    public readonly long Sequence => _sequence;

    /// <summary>Exchange time of the event, UTC nanoseconds since the Unix epoch.</summary>
    public readonly long TimestampNs => _event.TimestampNs;

    public readonly bool IsTrade => _event.Kind == MarketEventKind.Trade;

    public readonly bool IsQuote => _event.Kind == MarketEventKind.Quote;

    /// <summary>The event's price: the trade price of a trade, the mid of a quote.</summary>
    public readonly FixedPoint Price => IsTrade ? _event.Price : Mid;

    // Book: the symbol's latest trade and quote, this event included.

    /// <summary>True once the symbol has traded.</summary>
    public readonly bool HasTrade => _book.LastPriceRaw > 0;

    public readonly FixedPoint LastTradePrice => FixedPoint.FromRaw(_book.LastPriceRaw);

    public readonly FixedPoint LastTradeSize => FixedPoint.FromRaw(_book.LastSizeRaw);

    /// <summary>True once the symbol has a quote with both sides.</summary>
    public readonly bool HasQuote => _book.HasQuote;

    public readonly FixedPoint BestBid => FixedPoint.FromRaw(_book.BidRaw);

    public readonly FixedPoint BestAsk => FixedPoint.FromRaw(_book.AskRaw);

    public readonly FixedPoint BidSize => FixedPoint.FromRaw(_book.BidSizeRaw);

    public readonly FixedPoint AskSize => FixedPoint.FromRaw(_book.AskSizeRaw);

    /// <summary>(bid + ask) / 2, half a raw unit rounded up; zero without a quote.</summary>
    public readonly FixedPoint Mid => FixedPoint.FromRaw(_book.MidRaw);

    // Aggregates, from the aggregator stage, as of this event.

    /// <summary>VWAP of every accepted trade of the symbol so far.</summary>
    public readonly FixedPoint Vwap => FixedPoint.FromRaw(_view.VwapRaw);

    /// <summary>VWAP over the aggregator's rolling window, as of the symbol's last trade (see <see cref="AggregatorState"/>).</summary>
    public readonly FixedPoint RollingVwap => _event.RollingVwap;

    /// <summary>Mean quote mid over the aggregator's rolling window: the fair price when there are no trades.</summary>
    public readonly FixedPoint RollingMid => FixedPoint.FromRaw(_view.RollingMidRaw);

    /// <summary>The symbol's open trade bar (its close is the last trade); false before its first trade.</summary>
    public readonly bool TryGetCurrentBar(out OhlcvBar bar)
    {
        if (_view.BarOpenRaw == 0)
        {
            bar = default;
            return false;
        }

        bar = new OhlcvBar(_view.BarStartNs, FixedPoint.FromRaw(_view.BarOpenRaw), FixedPoint.FromRaw(_view.BarHighRaw),
            FixedPoint.FromRaw(_view.BarLowRaw), FixedPoint.FromRaw(_book.LastPriceRaw), _view.BarVolumeRaw, _view.BarTradeCount);
        return true;
    }

    // Position, kept by the engine.

    /// <summary>Filled position, signed: positive long, negative short.</summary>
    public readonly FixedPoint Position => FixedPoint.FromRaw(_book.PositionRaw);

    /// <summary>Quantity of accepted buy orders not filled yet.</summary>
    public readonly FixedPoint OpenBuyQuantity => FixedPoint.FromRaw(_book.OpenBuyRaw);

    /// <summary>Quantity of accepted sell orders not filled yet.</summary>
    public readonly FixedPoint OpenSellQuantity => FixedPoint.FromRaw(_book.OpenSellRaw);

    /// <summary>Position once every open order has filled: what the next decision should start from.</summary>
    public readonly FixedPoint Exposure => FixedPoint.FromRaw(_book.PositionRaw + _book.OpenBuyRaw - _book.OpenSellRaw);

    /// <summary>Average cost of the open position; zero when flat.</summary>
    public readonly FixedPoint AverageCost => FixedPoint.FromRaw(TradingState.AverageCostRaw(in _book));

    /// <summary>Realized PnL of the symbol so far, exact (computed when read).</summary>
    public readonly decimal RealizedPnl => TradingState.ToMoney(_book.Realized);

    /// <summary>Unrealized PnL of the position at the mark (mid, else last trade), exact (computed when read).</summary>
    public readonly decimal UnrealizedPnl => TradingState.ToMoney(TradingState.Unrealized(in _book));

    // Orders.

    /// <summary>Side of the first intent accepted on this event (written to <see cref="MarketEvent.Signal"/>).</summary>
    internal readonly SignalSide FirstSignal => _firstSignal;

    /// <summary>Hands an intent to the engine's risk check; accepted, it becomes a signal and fills on a later event.</summary>
    public IntentResult Submit(in OrderIntent intent)
    {
        IntentResult result = _trading.Submit(ref _book, _event.Symbol, in intent, _sequence, _event.TimestampNs);
        if (result == IntentResult.Accepted && _firstSignal == SignalSide.None)
        {
            _firstSignal = intent.Side;
        }

        return result;
    }

    /// <summary>A market buy of <paramref name="quantity"/> units.</summary>
    public IntentResult Buy(FixedPoint quantity, byte reason) => Submit(OrderIntent.Market(SignalSide.Buy, quantity, reason));

    /// <summary>A market sell of <paramref name="quantity"/> units.</summary>
    public IntentResult Sell(FixedPoint quantity, byte reason) => Submit(OrderIntent.Market(SignalSide.Sell, quantity, reason));

    /// <summary>A limit buy: fills when due only if the ask (or last trade) is at or below <paramref name="limitPrice"/>.</summary>
    public IntentResult BuyLimit(FixedPoint quantity, FixedPoint limitPrice, byte reason) =>
        Submit(OrderIntent.Limit(SignalSide.Buy, quantity, limitPrice, reason));

    /// <summary>A limit sell: fills when due only if the bid (or last trade) is at or above <paramref name="limitPrice"/>.</summary>
    public IntentResult SellLimit(FixedPoint quantity, FixedPoint limitPrice, byte reason) =>
        Submit(OrderIntent.Limit(SignalSide.Sell, quantity, limitPrice, reason));
}
