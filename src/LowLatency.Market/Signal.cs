using LowLatency.Market.Trading;

namespace LowLatency.Market;

/// <summary>An order the engine accepted from the strategy, stored by value in a preallocated <see cref="SignalLog"/>.
/// It fills later (<see cref="Fill"/>), on a later event of the same symbol.</summary>
/// <param name="Symbol">The traded symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Order quantity (always positive).</param>
/// <param name="Price">The limit price of a limit order; for a market order, the price the risk check used (best ask
/// for a buy, best bid for a sell, else the last trade).</param>
/// <param name="TimestampNs">Exchange timestamp of the event the strategy decided on.</param>
/// <param name="Sequence">Ring sequence of that event.</param>
/// <param name="Reason">The strategy's reason code (named by the strategy).</param>
/// <param name="Type">Market or limit.</param>
public readonly record struct Signal(
    SymbolId Symbol,
    SignalSide Side,
    FixedPoint Quantity,
    FixedPoint Price,
    long TimestampNs,
    long Sequence,
    byte Reason,
    OrderType Type = OrderType.Market) : IOrderRecord;
