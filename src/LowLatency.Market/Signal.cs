namespace LowLatency.Market;

/// <summary>One emitted order signal, stored by value in a preallocated <see cref="SignalLog"/>.</summary>
/// <param name="Symbol">The traded symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Order quantity (always positive).</param>
/// <param name="Price">The trade price that triggered the signal, also the assumed fill price.</param>
/// <param name="TimestampNs">Exchange timestamp of the triggering trade.</param>
/// <param name="Sequence">Ring sequence of the triggering event.</param>
/// <param name="Reason">The rule that fired.</param>
public readonly record struct Signal(
    SymbolId Symbol,
    SignalSide Side,
    FixedPoint Quantity,
    FixedPoint Price,
    long TimestampNs,
    long Sequence,
    SignalReason Reason);
