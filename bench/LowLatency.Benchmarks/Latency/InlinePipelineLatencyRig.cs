using HdrHistogram;
using LowLatency.Benchmarks.Macro;
using LowLatency.Market;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// The floor under every pipeline row: the producer thread runs filter → aggregator → strategy itself on each event
/// it sends, no ring and no hand-off, on the same feed, schedule and probe as <see cref="RingPipelineLatencyRig"/>.
/// What it records is the machine's own jitter (the producer's thread descheduled, timer and hypervisor interrupts)
/// plus the stages' work; a pipeline row's tail above this row's is the hand-off's, the rest is the platform's.
/// </summary>
internal sealed class InlinePipelineLatencyRig : ILatencyRig
{
    private static readonly int s_ringSize = new MarketPipelineOptions().RingSize;

    private readonly MarketStages _stages = new(s_ringSize);
    private readonly LongHistogram _histogram = new(MarketPipeline.MaxRecordedLatencyNs, numberOfSignificantValueDigits: 3);
    private readonly MarketEvent[] _slots = new MarketEvent[s_ringSize];
    private FilterHandler _filter;
    private AggregatorHandler _aggregator;
    private LatencyProbe<StrategyHandler<VwapMeanReversionStrategy>> _strategy;
    private long _published;

    public InlinePipelineLatencyRig()
    {
        _filter = _stages.FilterHandler;
        _aggregator = _stages.AggregatorHandler;
        _strategy = new LatencyProbe<StrategyHandler<VwapMeanReversionStrategy>>(_stages.StrategyHandler, _histogram);
    }

    public HistogramBase Histogram => _histogram;

    public LatencyPhase RunPhase(TimeSpan duration, long eventsPerSecond)
    {
        var schedule = new SendSchedule(duration, eventsPerSecond);
        long mask = _slots.Length - 1;
        long sequence = _published;
        while (schedule.Next(out long intendedNs))
        {
            ref MarketEvent slot = ref _slots[sequence & mask];
            _stages.Fill(ref slot, sequence);
            slot.IngestTimestampNs = intendedNs;
            _filter.OnEvent(ref slot, sequence, endOfBatch: true);
            _aggregator.OnEvent(ref slot, sequence, endOfBatch: true);
            _strategy.OnEvent(ref slot, sequence, endOfBatch: true);
            sequence++;
        }

        long events = sequence - _published;
        _published = sequence;
        return new LatencyPhase(events, MonotonicClock.NowNs() - schedule.StartNs);
    }

    public void StopAndVerify() => _stages.Verify("Inline pipeline", _published);

    public void Dispose()
    {
    }
}
