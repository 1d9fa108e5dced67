namespace LowLatency.Market.Handlers;

/// <summary>One symbol's running aggregates: a plain mutable struct kept in an array, so one trade touches one
/// contiguous record. Prices are raw FixedPoint; notionals are price.Raw × size.Raw (scale 10^16).</summary>
internal struct SymbolAggregate
{
    public long LastPriceRaw;
    public long TradeCount;
    public long QuoteCount;
    public Int128 CumulativeNotional;
    public Int128 CumulativeVolumeRaw;

    // The whole run: open (first trade), high and low (the close is LastPriceRaw), first and last accepted event.
    public long SessionOpenRaw;
    public long SessionHighRaw;
    public long SessionLowRaw;
    public long FirstTradeNs;
    public long FirstTimestampNs;
    public long LastTimestampNs;

    // The VWAPs as of the last trade, divided once when they change.
    public long VwapRaw;
    public long RollingVwapRaw;

    // The last interval each index was computed for, so the next event in it needs no division.
    public IntervalCache TradeBucketCache;
    public IntervalCache QuoteBucketCache;
    public IntervalCache BarCache;

    // Rolling VWAP: sums over the live buckets, and the newest bucket index (long.MinValue = none yet).
    public long CurrentBucket;
    public int CurrentBucketSlot; // CurrentBucket mod N, so events in the newest bucket need no division
    public Int128 WindowNotional;
    public Int128 WindowVolumeRaw;

    // Rolling mid: Σ (bid + ask) and 2 × quotes over the live quote buckets, and the newest quote bucket.
    public long CurrentQuoteBucket;
    public int CurrentQuoteBucketSlot;
    public Int128 WindowMidSum;
    public Int128 WindowMidWeight;

    // Current bar (BarIndex long.MinValue = none yet).
    public long BarIndex;
    public long OpenRaw;
    public long HighRaw;
    public long LowRaw;
    public long CloseRaw;
    public Int128 BarVolumeRaw;
    public long BarTradeCount;

    // Last completed bar (valid when CompletedBars > 0).
    public long CompletedBars;
    public long LastBarIndex;
    public long LastOpenRaw;
    public long LastHighRaw;
    public long LastLowRaw;
    public long LastCloseRaw;
    public Int128 LastBarVolumeRaw;
    public long LastBarTradeCount;
}
