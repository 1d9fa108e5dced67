namespace LowLatency.Market.Trading;

/// <summary>What a strategy wants to trade on the current event's symbol; the engine's risk check decides whether it
/// becomes an order (<see cref="Signal"/>).</summary>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Units to trade, positive.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="LimitPrice">The worst acceptable price of a limit order; ignored for market orders.</param>
/// <param name="Reason">The strategy's own code for why, carried into the signal and its fills; the strategy names
/// its codes (<see cref="Strategies.IStrategy{TSelf}.ReasonName"/>).</param>
public readonly record struct OrderIntent(SignalSide Side, FixedPoint Quantity, OrderType Type, FixedPoint LimitPrice, byte Reason)
{
    public static OrderIntent Market(SignalSide side, FixedPoint quantity, byte reason) => new(side, quantity, OrderType.Market, default, reason);

    public static OrderIntent Limit(SignalSide side, FixedPoint quantity, FixedPoint limitPrice, byte reason) =>
        new(side, quantity, OrderType.Limit, limitPrice, reason);
}
