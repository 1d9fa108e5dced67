namespace LowLatency.Market.Trading;

/// <summary>How an order intent is priced.</summary>
public enum OrderType : byte
{
    /// <summary>Fills at the market: a buy at the best ask, a sell at the best bid (the last trade price when the
    /// symbol has no quotes).</summary>
    Market = 0,

    /// <summary>Fills at the market price only if that is at or better than the limit; otherwise it is cancelled
    /// (immediate or cancel).</summary>
    Limit = 1,
}
