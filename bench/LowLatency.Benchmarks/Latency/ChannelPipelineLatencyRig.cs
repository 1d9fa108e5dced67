using System.Threading.Channels;
using HdrHistogram;
using LowLatency.Benchmarks.Macro;
using LowLatency.Market;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// The Channels rival of <see cref="RingPipelineLatencyRig"/>: producer → bounded channel → filter → bounded channel →
/// aggregator → bounded channel → strategy (SingleReader/SingleWriter, 64 Ki each but the last, two fewer: see
/// <see cref="MarketStages.StrategyChannelCapacity"/>), each stage a <see cref="ChannelStage{THandler}"/> (async, or a
/// spinning dedicated thread) running the same handler structs on its copy of the event; the last one wraps the
/// strategy in the same <see cref="LatencyProbe{TInner}"/>.
/// The producer stamps the intended send time as ours does, and spins (bounded) while the first channel is full.
/// </summary>
internal sealed class ChannelPipelineLatencyRig : ILatencyRig
{
    private const int Capacity = 1 << 16; // MarketPipelineOptions.RingSize's default, per channel

    private readonly MarketStages _stages = new(Capacity); // its aggregate ring: as many slots as our ring
    private readonly LongHistogram _histogram = new(MarketPipeline.MaxRecordedLatencyNs, numberOfSignificantValueDigits: 3);
    private readonly Channel<MarketEvent> _toFilter = CreateChannel(Capacity);
    private readonly ChannelStage<FilterHandler> _filter;
    private readonly ChannelStage<AggregatorHandler> _aggregator;
    private readonly ChannelStage<LatencyProbe<StrategyHandler<VwapMeanReversionStrategy>>> _strategy;
    private readonly string _name;
    private long _published;

    public ChannelPipelineLatencyRig(bool spinningStages)
    {
        _name = spinningStages ? "Channel pipeline spinning" : "Channel pipeline async";
        Channel<MarketEvent> toAggregator = CreateChannel(Capacity);
        Channel<MarketEvent> toStrategy = CreateChannel(_stages.StrategyChannelCapacity); // keeps the aggregator < a ring ahead
        _filter = new("channel-filter", _toFilter.Reader, toAggregator.Writer, _stages.FilterHandler, spinningStages);
        _aggregator = new("channel-aggregator", toAggregator.Reader, toStrategy.Writer, _stages.AggregatorHandler, spinningStages);
        _strategy = new("channel-strategy", toStrategy.Reader, next: null,
            new LatencyProbe<StrategyHandler<VwapMeanReversionStrategy>>(_stages.StrategyHandler, _histogram), spinningStages);
    }

    public HistogramBase Histogram => _histogram;

    public LatencyPhase RunPhase(TimeSpan duration, long eventsPerSecond)
    {
        var schedule = new SendSchedule(duration, eventsPerSecond);
        ChannelWriter<MarketEvent> writer = _toFilter.Writer;
        MarketStages stages = _stages;
        MarketEvent e = default;
        long n = _published;
        while (schedule.Next(out long intendedNs))
        {
            stages.Fill(ref e, n++);
            e.IngestTimestampNs = intendedNs; // the due time, not now: see SendSchedule
            ChannelWriting.Write(writer, in e);
        }

        long sendingNs = MonotonicClock.NowNs() - schedule.StartNs;
        long events = n - _published;
        _published = n;
        var spin = new BoundedSpin();
        while (_strategy.Sequence.Value < n - 1)
        {
            _filter.ThrowIfFaulted();
            _aggregator.ThrowIfFaulted();
            _strategy.ThrowIfFaulted();
            spin.SpinOnce("the strategy stage to catch up");
        }

        return new LatencyPhase(events, sendingNs);
    }

    public void StopAndVerify()
    {
        _toFilter.Writer.TryComplete(); // each stage completes the next channel once it has drained its own
        _filter.WaitForCompletion();
        _aggregator.WaitForCompletion();
        _strategy.WaitForCompletion();
        _stages.Verify(_name, _published);
    }

    public void Dispose() => _toFilter.Writer.TryComplete();

    private static Channel<MarketEvent> CreateChannel(int capacity) =>
        Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });
}
