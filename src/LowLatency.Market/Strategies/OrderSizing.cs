namespace LowLatency.Market.Strategies;

/// <summary>Order sizes that mean the same on any instrument: an amount of money turned into units at the current price.</summary>
public static class OrderSizing
{
    /// <summary>
    /// <paramref name="notional"/> / <paramref name="price"/> units, rounded down to two significant digits so sizes
    /// look like what a trader would type: 10,000 buys 59 SPY at 167.42, 0.16 BTC at 61,707, 7,200 EUR at 1.386.
    /// Zero when the price is not positive or the amount is below 10^-8 units.
    /// </summary>
    public static FixedPoint ForNotional(FixedPoint notional, FixedPoint price)
    {
        if (price.Raw <= 0 || notional.Raw <= 0)
        {
            return FixedPoint.Zero;
        }

        Int128 unitsRaw = (Int128)notional.Raw * FixedPoint.Scale / price.Raw;
        Int128 step = 1;
        while (unitsRaw / step >= 100)
        {
            step *= 10;
        }

        Int128 rounded = unitsRaw / step * step;
        return rounded > long.MaxValue ? FixedPoint.MaxValue : FixedPoint.FromRaw((long)rounded);
    }
}
