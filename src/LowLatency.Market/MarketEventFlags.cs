namespace LowLatency.Market;

/// <summary>What a feed says about an event beyond its prices, set by the producer (<see cref="MarketEvent.Flags"/>).</summary>
[Flags]
public enum MarketEventFlags : byte
{
    None = 0,

    /// <summary>
    /// A trade whose price does not reflect the market when it printed: average-price, derivatively priced, prior
    /// reference price, late (sold out of sequence), cash / next-day / seller's-option settlement, stock-option or
    /// price-variation trades. Exchanges do not let such prints set the last sale; the filter rejects them
    /// (<see cref="FilterReason.OffMarketPrint"/>), so they move neither VWAPs nor strategies.
    /// </summary>
    OffMarketPrint = 1,
}
