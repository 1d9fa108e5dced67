namespace LowLatency.Market;

/// <summary>Receives every accepted order, every fill and every point of the equity curve, on the strategy's thread,
/// in sequence order. Implementations must not allocate per call (copy into preallocated space and hand off to another
/// thread if the work is slow).</summary>
public interface ISignalSink
{
    void OnSignal(in Signal signal);

    /// <summary>A fill of an earlier signal. Sinks that only care about signals leave it empty.</summary>
    void OnFill(in Fill fill)
    {
    }

    /// <summary>A point of the equity curve (after every fill, and every <see cref="Trading.TradingOptions.EquityIntervalNs"/>
    /// of exchange time). Sinks that do not chart equity leave it empty.</summary>
    void OnEquity(in Trading.EquityPoint point)
    {
    }
}
