namespace LowLatency.Market.Trading;

/// <summary>What the engine did with an <see cref="OrderIntent"/>: accepted it as an order, or suppressed it and why.
/// Suppressed intents are counted per reason (<see cref="TradingState.GetSuppressedCount"/>).</summary>
public enum IntentResult : byte
{
    Accepted = 0,

    /// <summary>Quantity not positive, side not Buy or Sell, or a limit order without a positive limit price.</summary>
    Invalid = 1,

    /// <summary>Quantity above <see cref="RiskLimits.MaxOrderQuantity"/>.</summary>
    MaxOrderQuantity = 2,

    /// <summary>Position plus open orders on that side would exceed <see cref="RiskLimits.MaxPosition"/>.</summary>
    MaxPosition = 3,

    /// <summary>Position plus open orders on that side, valued at the order's price, would exceed <see cref="RiskLimits.MaxNotional"/>.</summary>
    MaxNotional = 4,

    /// <summary>A market order on a symbol with no trade and no quote yet: there is no price to check it against.</summary>
    NoPrice = 5,

    /// <summary>Every open-order slot is taken (<see cref="TradingOptions.MaxOpenOrders"/>).</summary>
    TooManyOpenOrders = 6,

    /// <summary>The position or the open quantity, once the order filled, would leave the range a
    /// <see cref="FixedPoint"/> holds (about ±92 billion units).</summary>
    BeyondRange = 7,
}
