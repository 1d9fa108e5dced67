namespace LowLatency.Market.Strategies;

/// <summary>The reference the built-in strategies measure prices against, on any data: the rolling VWAP when the
/// symbol trades, the rolling mean mid on quote-only data.</summary>
internal static class FairPrice
{
    public static FixedPoint Of(ref readonly StrategyContext context) =>
        context.RollingVwap.Raw > 0 ? context.RollingVwap : context.RollingMid;

    /// <summary>(price − fair) / fair in basis points, compared without rounding: true when it is ≤ −<paramref name="bps"/>.</summary>
    public static bool IsBelowBy(FixedPoint price, FixedPoint fair, long bps) =>
        ((Int128)fair.Raw - price.Raw) * 10_000 >= bps * (Int128)fair.Raw;

    /// <summary>True when (price − fair) / fair ≥ <paramref name="bps"/> basis points.</summary>
    public static bool IsAboveBy(FixedPoint price, FixedPoint fair, long bps) =>
        ((Int128)price.Raw - fair.Raw) * 10_000 >= bps * (Int128)fair.Raw;

    /// <summary>True when the price is at most <paramref name="bps"/> basis points under the fair price (or over it).</summary>
    public static bool IsNotBelowBy(FixedPoint price, FixedPoint fair, long bps) =>
        ((Int128)fair.Raw - price.Raw) * 10_000 <= bps * (Int128)fair.Raw;

    /// <summary>True when the price is at most <paramref name="bps"/> basis points over the fair price (or under it).</summary>
    public static bool IsNotAboveBy(FixedPoint price, FixedPoint fair, long bps) =>
        ((Int128)price.Raw - fair.Raw) * 10_000 <= bps * (Int128)fair.Raw;
}
