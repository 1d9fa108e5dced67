namespace LowLatency.Market;

/// <summary>The strategy rule that produced a <see cref="Signal"/>.</summary>
public enum SignalReason : byte
{
    None = 0,

    /// <summary>Threshold strategy: the trade price is below the buy threshold.</summary>
    PriceBelowThreshold = 1,

    /// <summary>Threshold strategy: the trade price is above the sell threshold.</summary>
    PriceAboveThreshold = 2,

    /// <summary>VWAP mean reversion: the trade price is at least the configured bps under the rolling VWAP.</summary>
    BelowRollingVwap = 3,

    /// <summary>VWAP mean reversion: the trade price is at least the configured bps over the rolling VWAP.</summary>
    AboveRollingVwap = 4,
}
