using System.Runtime.InteropServices;

namespace LowLatency.Market.Handlers;

/// <summary>
/// What the aggregator knew about an event's symbol right after that event: written by the aggregator into the slot's
/// companion line in <see cref="AggregateRing"/>, read by the strategy stage for the same sequence. A strategy thus
/// sees the aggregates as of its own event, whatever the aggregator has done with later events since. One cache line.
/// </summary>
/// <remarks>The bar's close is the symbol's last trade price, which the strategy stage keeps itself.</remarks>
[StructLayout(LayoutKind.Sequential, Size = 64)]
internal struct AggregateView
{
    public long VwapRaw;

    // The rolling mid is MidSum / MidWeight, divided only when a strategy reads it: Σ(bid + ask) over the window and
    // 2 × its quotes, or, when those do not fit, the mid itself over 1.
    public long MidSum;
    public long BarStartNs;
    public long BarOpenRaw;    // 0 = no bar yet (accepted prices are positive)
    public long BarHighRaw;
    public long BarLowRaw;
    public long BarVolumeRaw;  // saturated at long.MaxValue (92 billion units in one bar)
    public int BarTradeCount;  // saturated at int.MaxValue
    public int MidWeight;

    /// <summary>The rolling mid, rounded half up; zero before the symbol's first quote.</summary>
    public readonly long RollingMidRaw => MidWeight == 0 ? 0 : (long)Internal.ScaledDecimal.DivideRounded(MidSum, MidWeight);
}
