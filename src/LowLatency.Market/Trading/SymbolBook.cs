using System.Runtime.CompilerServices;

namespace LowLatency.Market.Trading;

/// <summary>One symbol's record on the strategy stage: top of book as of the current event, the position with its
/// cost basis and PnL, and the FIFO of its open orders. Prices and quantities are raw FixedPoint (0 = not seen yet);
/// cost basis and PnL are raw products (scale 10^16).</summary>
internal struct SymbolBook
{
    public long LastPriceRaw;
    public long LastSizeRaw;
    public long BidRaw;
    public long BidSizeRaw;
    public long AskRaw;
    public long AskSizeRaw;

    public long PositionRaw;
    public Int128 CostBasis;  // Σ signed quantity.Raw × price.Raw of the open position
    public Int128 Realized;   // before fees
    public Int128 Fees;

    // The round trip in progress (valid while the position is not flat): when it opened, realized and fees then.
    public long TripStartNs;
    public Int128 TripRealizedStart;
    public Int128 TripFeesStart;

    public long OpenBuyRaw;   // accepted, not yet filled
    public long OpenSellRaw;
    public int PendingHead;   // index into the open-order pool, -1 = none
    public int PendingTail;

    public readonly bool HasQuote
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BidRaw > 0 && AskRaw > 0;
    }

    /// <summary>Mid when both sides are known, else the last trade, else zero.</summary>
    public readonly long MarkRaw
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => HasQuote ? MidRaw : LastPriceRaw;
    }

    /// <summary>(bid + ask) / 2, halves rounded up; zero without both sides. Written as bid + half the spread, so
    /// it cannot overflow and needs no 128-bit division (an accepted quote has bid &lt; ask).</summary>
    public readonly long MidRaw
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => HasQuote ? BidRaw + ((AskRaw - BidRaw + 1) >> 1) : 0;
    }

    /// <summary>The price a market order on <paramref name="side"/> would trade at now: the far side of the quote,
    /// else the last trade.</summary>
    public readonly long MarketPriceRaw(SignalSide side)
    {
        long quote = side == SignalSide.Buy ? AskRaw : BidRaw;
        return quote > 0 ? quote : LastPriceRaw;
    }
}
