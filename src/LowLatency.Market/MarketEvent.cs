using System.Runtime.InteropServices;

namespace LowLatency.Market;

/// <summary>
/// One ring slot: a trade or a quote plus the fields later stages write into it. Exactly 64 bytes (one cache line),
/// unmanaged, reused forever, so every producer fills it through <see cref="MarketEventSlot"/> (producer fields only, stage
/// fields cleared, ingest stamped) and every stage owns a distinct field.
/// </summary>
/// <remarks>
/// Layout (byte offsets): 0 <see cref="TimestampNs"/>, 8 <see cref="IngestTimestampNs"/>, 16 <see cref="Price"/> /
/// <see cref="BidPrice"/>, 24 <see cref="Size"/> / <see cref="BidSize"/>, 32 <see cref="AskPrice"/>, 40
/// <see cref="AskSize"/>, 48 <see cref="RollingVwap"/>, 56 <see cref="Symbol"/>, 60 <see cref="Kind"/>, 61
/// <see cref="FilterReason"/>, 62 <see cref="Signal"/>, 63 <see cref="Flags"/>.
/// <para>Offsets 16 and 24 are a union: a trade's price and size share storage with a quote's bid price and bid
/// size, and <see cref="Kind"/> says which view is valid. A trade leaves the ask fields zero.</para>
/// <para>Stage-written fields: <see cref="FilterReason"/> (filter), <see cref="RollingVwap"/> (aggregator),
/// <see cref="Signal"/> (strategy).</para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 64)]
public struct MarketEvent
{
    /// <summary>Exchange time, UTC nanoseconds since the Unix epoch.</summary>
    [FieldOffset(0)]
    public long TimestampNs;

    /// <summary>Stopwatch-based nanoseconds stamped by the producer when the slot is published (for latency only).</summary>
    [FieldOffset(8)]
    public long IngestTimestampNs;

    /// <summary>Trade price (same storage as <see cref="BidPrice"/>).</summary>
    [FieldOffset(16)]
    public FixedPoint Price;

    /// <summary>Quote bid price (same storage as <see cref="Price"/>).</summary>
    [FieldOffset(16)]
    public FixedPoint BidPrice;

    /// <summary>Trade size (same storage as <see cref="BidSize"/>).</summary>
    [FieldOffset(24)]
    public FixedPoint Size;

    /// <summary>Quote bid size (same storage as <see cref="Size"/>).</summary>
    [FieldOffset(24)]
    public FixedPoint BidSize;

    [FieldOffset(32)]
    public FixedPoint AskPrice;

    [FieldOffset(40)]
    public FixedPoint AskSize;

    /// <summary>The symbol's rolling VWAP after this trade, written by the aggregator for the strategy; zero otherwise.</summary>
    [FieldOffset(48)]
    public FixedPoint RollingVwap;

    [FieldOffset(56)]
    public SymbolId Symbol;

    [FieldOffset(60)]
    public MarketEventKind Kind;

    /// <summary>Written by the filter: <see cref="Market.FilterReason.None"/> when accepted.</summary>
    [FieldOffset(61)]
    public FilterReason FilterReason;

    /// <summary>Written by the strategy: the signal emitted on this trade, if any.</summary>
    [FieldOffset(62)]
    public SignalSide Signal;

    /// <summary>Written by the producer: what the feed says about the event (trade conditions).</summary>
    [FieldOffset(63)]
    public MarketEventFlags Flags;

    public readonly bool IsFiltered => FilterReason != FilterReason.None;

    public readonly bool IsTrade => Kind == MarketEventKind.Trade;

    public readonly bool IsQuote => Kind == MarketEventKind.Quote;

    /// <summary>A trade with clear stage fields and no ingest stamp.</summary>
    public static MarketEvent Trade(SymbolId symbol, FixedPoint price, FixedPoint size, long timestampNs = 0) => new()
    {
        TimestampNs = timestampNs,
        Price = price,
        Size = size,
        Symbol = symbol,
        Kind = MarketEventKind.Trade,
    };

    /// <summary>A quote (best bid and offer) with clear stage fields and no ingest stamp.</summary>
    public static MarketEvent Quote(
        SymbolId symbol, FixedPoint bidPrice, FixedPoint bidSize, FixedPoint askPrice, FixedPoint askSize, long timestampNs = 0) => new()
        {
            TimestampNs = timestampNs,
            BidPrice = bidPrice,
            BidSize = bidSize,
            AskPrice = askPrice,
            AskSize = askSize,
            Symbol = symbol,
            Kind = MarketEventKind.Quote,
        };

    /// <summary>Clears the fields stages write (<see cref="FilterReason"/>, <see cref="RollingVwap"/>, <see cref="Signal"/>),
    /// since a reused slot still holds the previous event's results. Producers get this from
    /// <see cref="MarketEventSlot.Seal(ref MarketEvent)"/>, the only per-event caller: the stages do not clear them again.</summary>
    public void ResetStageFields()
    {
        RollingVwap = default;
        FilterReason = FilterReason.None;
        Signal = SignalSide.None;
    }
}
