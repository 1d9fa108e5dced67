using HdrHistogram;
using LowLatency.Benchmarks.Macro;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// Ours: the graph <see cref="MarketPipeline"/> builds, filter → aggregator → strategy, with the variant's
/// <see cref="StageTopology"/> (one thread per stage, all on one thread, or what Auto picks for this machine), on a ring
/// of <see cref="MarketPipelineOptions.RingSize"/>'s default 64 Ki slots (and an aggregate ring as large, from the
/// aggregator to the strategy), with the variant's wait strategy; the strategy stage is wrapped in a
/// <see cref="LatencyProbe{TInner}"/>. The producer (the calling thread) claims a slot, fills it from the random-walk
/// feed of <see cref="MarketStages"/> and stamps it with the <see cref="SendSchedule"/>'s intended send time. A
/// <see cref="StallWatchdog"/> halts the pipeline if the stages stop moving, which makes a blocked claim throw.
/// </summary>
internal sealed class RingPipelineLatencyRig : ILatencyRig
{
    private static readonly int s_ringSize = new MarketPipelineOptions().RingSize;

    private readonly MarketStages _stages = new(s_ringSize);
    private readonly LongHistogram _histogram = new(MarketPipeline.MaxRecordedLatencyNs, numberOfSignificantValueDigits: 3);
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly StallWatchdog _watchdog;
    private readonly string _name;
    private long _published;

    /// <param name="waitStrategy">How the stages wait.</param>
    /// <param name="topology">How the stages map onto threads.</param>
    public RingPipelineLatencyRig(WaitStrategyKind waitStrategy, StageTopology topology)
    {
        _name = $"Ring pipeline {waitStrategy} {topology}";
        _pipeline = new EventPipeline<MarketEvent>(s_ringSize, ProducerType.Single, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
            Topology = topology,
            ProducerThreads = 1, // the calling thread
        };
        IEventProcessor last = _pipeline
            .HandleEventsWith(_stages.FilterHandler, new HandlerOptions { Name = "filter" })
            .Then(_stages.AggregatorHandler, new HandlerOptions { Name = "aggregator" })
            .Then(new LatencyProbe<StrategyHandler<VwapMeanReversionStrategy>>(_stages.StrategyHandler, _histogram),
                new HandlerOptions { Name = "strategy" })
            .Processors[0];
        _ring = _pipeline.RingBuffer;
        _watchdog = new StallWatchdog(() => _ring.Sequencer.HighestClaimed, () => last.Sequence.Value, _pipeline.Halt);
        _pipeline.Start();
    }

    public HistogramBase Histogram => _histogram;

    public LatencyPhase RunPhase(TimeSpan duration, long eventsPerSecond)
    {
        var schedule = new SendSchedule(duration, eventsPerSecond);
        RingBuffer<MarketEvent> ring = _ring;
        MarketStages stages = _stages;
        try
        {
            while (schedule.Next(out long intendedNs))
            {
                long sequence = ring.Next();
                ref MarketEvent slot = ref ring[sequence];
                stages.Fill(ref slot, sequence);
                slot.IngestTimestampNs = intendedNs; // the due time, not now: see SendSchedule
                ring.Publish(sequence);
            }
        }
        catch (PipelineHaltedException ex) when (_watchdog.Fired)
        {
            throw new TimeoutException($"{_name}: a claim waited more than {BoundedSpin.Timeout.TotalSeconds:0} s for the stages.", ex);
        }

        long sendingNs = MonotonicClock.NowNs() - schedule.StartNs;
        long published = ring.Cursor + 1;
        long events = published - _published;
        _published = published;
        if (!_pipeline.Drain(BoundedSpin.Timeout))
        {
            throw _pipeline.State == PipelineState.Halted
                ? new InvalidOperationException($"{_name}: the pipeline halted.", _pipeline.HaltingFault?.Exception)
                : new TimeoutException($"{_name}: the stages did not catch up within {BoundedSpin.Timeout.TotalSeconds:0} s.");
        }

        return new LatencyPhase(events, sendingNs);
    }

    public void StopAndVerify()
    {
        _watchdog.Dispose();
        if (!_pipeline.Shutdown(BoundedSpin.Timeout))
        {
            throw new InvalidOperationException($"{_name}: the pipeline did not drain on shutdown ({_pipeline.State}).");
        }

        _stages.Verify(_name, _published);
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        _pipeline.Dispose();
    }
}
