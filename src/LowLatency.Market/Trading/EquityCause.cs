namespace LowLatency.Market.Trading;

/// <summary>Why the equity curve has a point.</summary>
public enum EquityCause : byte
{
    /// <summary>The first event of the run: equity 0, the curve's origin.</summary>
    Start = 0,

    /// <summary>A fill changed a position.</summary>
    Fill = 1,

    /// <summary>The first event at or after a multiple of <see cref="TradingOptions.EquityIntervalNs"/>: the marks moved.</summary>
    Interval = 2,
}
