namespace LowLatency.Ticks.Import.Internal;

/// <summary>The kind of a Binance combined-stream message, from its <c>stream</c> name.</summary>
internal enum BinanceStream
{
    /// <summary>No <c>stream</c> key (the REST depth snapshot, a subscription reply).</summary>
    None,

    /// <summary><c>&lt;sym&gt;@trade</c>.</summary>
    Trade,

    /// <summary><c>&lt;sym&gt;@bookTicker</c>.</summary>
    BookTicker,

    /// <summary>Any other stream (depth updates, aggTrade, klines, ...).</summary>
    Other,
}
