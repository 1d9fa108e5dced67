namespace LowLatency.Ticks.Import.Internal;

/// <summary>Column layout of a header-less LEAN tick CSV, fixed by security type and trade/quote.</summary>
internal enum LeanRowLayout
{
    /// <summary><c>ms, price×10000, quantity[, exchange, sale condition, suspicious]</c>.</summary>
    EquityTrade,

    /// <summary><c>ms, bid×10000, bid size, ask×10000, ask size[, exchange, quote condition, suspicious]</c>, one side per row.</summary>
    EquityQuote,

    /// <summary><c>ms, bid, ask</c> as plain decimals (forex and CFD).</summary>
    BidAsk,

    /// <summary><c>ms, price, quantity[, exchange, sale condition, suspicious]</c> with a plain decimal price.</summary>
    FutureTrade,
}
