using System.Runtime.CompilerServices;
namespace LowLatency.Market.Strategies;

/// <summary>The reference the built-in strategies measure prices against, on any data: the rolling VWAP when the
/// symbol trades, the rolling mean mid on quote-only data.</summary>
internal static class FairPrice
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FixedPoint Of(ref readonly StrategyContext context) =>
        context.RollingVwap.Raw > 0 ? context.RollingVwap : context.RollingMid;

    /// <summary>(price − fair) / fair in basis points, compared without rounding: true when it is ≤ −<paramref name="bps"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBelowBy(FixedPoint price, FixedPoint fair, long bps) => Compare(fair.Raw - price.Raw, fair.Raw, price.Raw, bps) >= 0;

    /// <summary>True when (price − fair) / fair ≥ <paramref name="bps"/> basis points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAboveBy(FixedPoint price, FixedPoint fair, long bps) => Compare(price.Raw - fair.Raw, fair.Raw, price.Raw, bps) >= 0;

    /// <summary>True when the price is at most <paramref name="bps"/> basis points under the fair price (or over it).</summary>
    public static bool IsNotBelowBy(FixedPoint price, FixedPoint fair, long bps) => Compare(fair.Raw - price.Raw, fair.Raw, price.Raw, bps) <= 0;

    /// <summary>True when the price is at most <paramref name="bps"/> basis points over the fair price (or under it).</summary>
    public static bool IsNotAboveBy(FixedPoint price, FixedPoint fair, long bps) => Compare(price.Raw - fair.Raw, fair.Raw, price.Raw, bps) <= 0;

    /// <summary>Sign of difference × 10,000 − bps × fair, exactly. Prices under 2^49 raw (5.6 million a unit) and bps up
    /// to 10,000 keep both products in a long; anything larger takes the 128-bit path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compare(long difference, long fair, long price, long bps)
    {
        const long Small = 1L << 49;
        if ((ulong)fair < Small && (ulong)price < Small && (ulong)bps <= 10_000)
        {
            return (difference * 10_000).CompareTo(bps * fair);
        }

        return ((Int128)difference * 10_000).CompareTo(bps * (Int128)fair);
    }
}
