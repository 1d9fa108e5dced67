using LowLatency.Market.Internal;

namespace LowLatency.Market;

/// <summary>
/// Open/high/low/close/volume of one symbol's trades in the interval [<see cref="StartTimestampNs"/>,
/// <see cref="StartTimestampNs"/> + interval), intervals aligned to multiples of the interval since the Unix epoch.
/// </summary>
/// <param name="StartTimestampNs">Start of the interval (inclusive).</param>
/// <param name="Open">First trade price.</param>
/// <param name="High">Highest trade price.</param>
/// <param name="Low">Lowest trade price.</param>
/// <param name="Close">Last trade price.</param>
/// <param name="VolumeRaw">Sum of trade sizes in raw units (×10^8); Int128 because a busy bar can exceed long.</param>
/// <param name="TradeCount">Number of trades.</param>
public readonly record struct OhlcvBar(
    long StartTimestampNs,
    FixedPoint Open,
    FixedPoint High,
    FixedPoint Low,
    FixedPoint Close,
    Int128 VolumeRaw,
    long TradeCount)
{
    /// <summary><see cref="VolumeRaw"/> as an exact decimal.</summary>
    public decimal Volume => ScaledDecimal.ToDecimal(VolumeRaw, FixedPoint.Decimals);
}
