namespace LowLatency.Market;

/// <summary>
/// Why the filter rejected an event; <see cref="None"/> means accepted. The filter marks the first failing rule and
/// never removes the event, so later stages see it and skip it.
/// </summary>
public enum FilterReason : byte
{
    None = 0,

    /// <summary>The symbol id is not in the <see cref="SymbolTable"/>, or not on the filter's allow-list.</summary>
    UnknownSymbol = 1,

    /// <summary>A trade price, bid or ask is zero or negative.</summary>
    NonPositivePrice = 2,

    /// <summary>A trade size, bid size or ask size is zero or negative.</summary>
    NonPositiveSize = 3,

    /// <summary>A size is outside the configured minimum/maximum.</summary>
    SizeOutOfBounds = 4,

    /// <summary>A price is more than the band factor away from the symbol's last accepted price.</summary>
    PriceOutOfBand = 5,

    /// <summary>The timestamp is earlier than the symbol's last accepted timestamp.</summary>
    OutOfOrderTimestamp = 6,

    /// <summary>The timestamp is older than the staleness limit relative to the newest accepted timestamp.</summary>
    StaleTimestamp = 7,

    /// <summary>A quote's bid is greater than or equal to its ask.</summary>
    CrossedQuote = 8,

    /// <summary>The event's kind is neither <see cref="MarketEventKind.Trade"/> nor <see cref="MarketEventKind.Quote"/>.</summary>
    UnknownKind = 9,

    /// <summary>A trade the feed marks as not at the market (<see cref="MarketEventFlags.OffMarketPrint"/>): an
    /// average-price, derivatively priced, late or specially settled print.</summary>
    OffMarketPrint = 10,
}
