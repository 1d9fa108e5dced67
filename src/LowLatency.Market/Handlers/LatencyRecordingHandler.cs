using HdrHistogram;
using LowLatency.Engine;

namespace LowLatency.Market.Handlers;

/// <summary>
/// Runs <typeparamref name="TInner"/> (the last stage), then records ingest → decision latency of the event into an
/// HdrHistogram: one clock read and one allocation-free record per event, on the stage's own thread.
/// </summary>
public struct LatencyRecordingHandler<TInner> : IEventHandler<MarketEvent>
    where TInner : struct, IEventHandler<MarketEvent>
{
    private readonly LongHistogram _histogram;
    private readonly long _highest;
    private TInner _inner; // not readonly: the inner handler is a mutable struct

    public LatencyRecordingHandler(TInner inner, LongHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        _inner = inner;
        _histogram = histogram;
        _highest = histogram.HighestTrackableValue;
    }

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        _inner.OnEvent(ref data, sequence, endOfBatch);
        long latency = MonotonicClock.NowNs() - data.IngestTimestampNs;
        _histogram.RecordValue(latency < 0 ? 0 : latency > _highest ? _highest : latency);
    }

    public void OnStart() => _inner.OnStart();

    public void OnShutdown() => _inner.OnShutdown();
}
