using HdrHistogram;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// The last stage of every pipeline variant, ours and the Channels rival alike: runs <typeparamref name="TInner"/>
/// (the strategy), then records now − <see cref="MarketEvent.IngestTimestampNs"/> into an HdrHistogram, reading the
/// clock for <em>every</em> event. Market's <c>LatencyRecordingHandler</c> reuses one reading for up to eight events of
/// a batch to save clock reads, which understates those events' latency by the time the stage spent on the ones in
/// between; a latency harness must not flatter the tail, and both contenders must be measured the same way, so every
/// event pays the read (about 20 ns on the strategy's thread).
/// </summary>
internal struct LatencyProbe<TInner> : IEventHandler<MarketEvent>
    where TInner : struct, IEventHandler<MarketEvent>
{
    private readonly LongHistogram _histogram;
    private readonly long _highest;
    private TInner _inner; // not readonly: the inner handler may mutate itself

    public LatencyProbe(TInner inner, LongHistogram histogram)
    {
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
}
