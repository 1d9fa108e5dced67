using LowLatency.Market.Internal;

namespace LowLatency.Market;

/// <summary>A simulated execution of a <see cref="Signal"/>, stored by value in a preallocated <see cref="FillLog"/>.</summary>
/// <param name="Symbol">The traded symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Units traded (always positive).</param>
/// <param name="Price">The execution price: best ask for a buy, best bid for a sell, the trade price when the symbol has no quotes.</param>
/// <param name="TimestampNs">Exchange timestamp of the event it filled on.</param>
/// <param name="Sequence">Ring sequence of that event.</param>
/// <param name="SignalSequence">Ring sequence of the signal's event: the fill's order.</param>
/// <param name="Reason">The signal's reason code.</param>
/// <param name="PositionAfter">The symbol's signed position after this fill.</param>
/// <param name="RealizedPnlAfterRaw">The symbol's realized PnL after this fill, before fees, raw at scale 10^16.</param>
/// <param name="FeeRaw">This fill's fee, raw at scale 10^16.</param>
public readonly record struct Fill(
    SymbolId Symbol,
    SignalSide Side,
    FixedPoint Quantity,
    FixedPoint Price,
    long TimestampNs,
    long Sequence,
    long SignalSequence,
    byte Reason,
    FixedPoint PositionAfter,
    Int128 RealizedPnlAfterRaw,
    Int128 FeeRaw = default) : IOrderRecord
{
    /// <summary>The symbol's realized PnL after this fill, before fees, exact.</summary>
    public decimal RealizedPnlAfter => ScaledDecimal.ToDecimal(RealizedPnlAfterRaw, 2 * FixedPoint.Decimals);

    /// <summary>This fill's fee, exact.</summary>
    public decimal Fee => ScaledDecimal.ToDecimal(FeeRaw, 2 * FixedPoint.Decimals);
}
