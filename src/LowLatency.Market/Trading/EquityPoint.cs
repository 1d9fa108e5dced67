using LowLatency.Market.Internal;

namespace LowLatency.Market.Trading;

/// <summary>
/// One point of the equity curve: the whole book's PnL at <see cref="TimestampNs"/> (exchange time), exact, raw at
/// scale 10^16. Equity = realized − fees + unrealized (every open position at its mark: mid when quoted, else last
/// trade); drawdown = the highest equity so far minus this one.
/// </summary>
public readonly record struct EquityPoint(
    long TimestampNs,
    EquityCause Cause,
    Int128 RealizedRaw,
    Int128 FeesRaw,
    Int128 UnrealizedRaw,
    Int128 DrawdownRaw)
{
    public Int128 EquityRaw => RealizedRaw - FeesRaw + UnrealizedRaw;

    public decimal Realized => ToMoney(RealizedRaw);

    public decimal Fees => ToMoney(FeesRaw);

    public decimal Unrealized => ToMoney(UnrealizedRaw);

    public decimal Equity => ToMoney(EquityRaw);

    public decimal Drawdown => ToMoney(DrawdownRaw);

    private static decimal ToMoney(Int128 raw) => ScaledDecimal.ToDecimal(raw, 2 * FixedPoint.Decimals);
}
