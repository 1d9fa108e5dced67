using HdrHistogram;
using LowLatency.Engine;
using LowLatency.Market.Handlers;

namespace LowLatency.Market;

/// <summary>
/// The embedding API: one ring of <see cref="MarketEvent"/>s and the chain filter → aggregator → strategy, each stage
/// on its own thread reading what the stage before wrote into the same slot. Publish through <see cref="RingBuffer"/>
/// (claim, fill in place, publish) or <see cref="Publish(in MarketEvent)"/>; read results from the stage states.
/// </summary>
public sealed class MarketPipeline : IDisposable
{
    private readonly EventPipeline<MarketEvent> _pipeline;

    public MarketPipeline(SymbolTable symbols, MarketPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        options.Validate();
        Options = options;
        Symbols = symbols;
        Filter = new FilterState(symbols, options.Filter);
        Aggregator = new AggregatorState(symbols, options.Aggregator);
        Strategy = new StrategyState(symbols, options.Strategy);

        _pipeline = new EventPipeline<MarketEvent>(options.RingSize, options.ProducerType,
            Engine.WaitStrategy.Create(options.WaitStrategy))
        {
            DefaultExceptionPolicy = options.ExceptionPolicy,
        };
        HandlerGroup<MarketEvent> aggregator = _pipeline
            .HandleEventsWith(new FilterHandler(Filter), new HandlerOptions { Name = "filter" })
            .Then(new AggregatorHandler(Aggregator), new HandlerOptions { Name = "aggregator" });
        var strategy = new StrategyHandler(Strategy);
        if (options.RecordLatency)
        {
            Latency = new LongHistogram(MaxRecordedLatencyNs, numberOfSignificantValueDigits: 3);
            aggregator.Then(new LatencyRecordingHandler<StrategyHandler>(strategy, Latency), new HandlerOptions { Name = "strategy" });
        }
        else
        {
            aggregator.Then(strategy, new HandlerOptions { Name = "strategy" });
        }
    }

    /// <summary>Latencies above this (60 s) are recorded as this.</summary>
    public const long MaxRecordedLatencyNs = 60_000_000_000;

    public MarketPipelineOptions Options { get; }

    /// <summary>Ingest → strategy latency per event, in ns, when <see cref="MarketPipelineOptions.RecordLatency"/> is set.</summary>
    public LongHistogram? Latency { get; }

    public SymbolTable Symbols { get; }

    public FilterState Filter { get; }

    public AggregatorState Aggregator { get; }

    public StrategyState Strategy { get; }

    public RingBuffer<MarketEvent> RingBuffer => _pipeline.RingBuffer;

    /// <summary>The underlying engine pipeline: per-stage processors, state, lag, fault reporting.</summary>
    public EventPipeline<MarketEvent> Pipeline => _pipeline;

    public PipelineState State => _pipeline.State;

    /// <summary>Events claimed but not yet through the strategy.</summary>
    public long Lag => _pipeline.Lag;

    /// <summary>Events each stage has finished: filter, aggregator, strategy.</summary>
    public IReadOnlyList<IEventProcessor> Stages => _pipeline.Processors;

    public void Start() => _pipeline.Start();

    /// <summary>Copies <paramref name="e"/> into the next slot and publishes it, with stage fields cleared and an ingest stamp.</summary>
    public void Publish(in MarketEvent e)
    {
        RingBuffer<MarketEvent> ring = _pipeline.RingBuffer;
        long sequence = ring.Next();
        ref MarketEvent slot = ref ring[sequence];
        slot = e;
        slot.ResetStageFields();
        slot.IngestTimestampNs = MonotonicClock.NowNs();
        ring.Publish(sequence);
    }

    /// <summary>Waits until every stage has processed every event published so far; false on timeout or halt.</summary>
    public bool Drain(TimeSpan timeout) => _pipeline.Drain(timeout);

    /// <summary>Graceful stop: every published event goes through every stage first. False if that took longer than <paramref name="timeout"/>.</summary>
    public bool Shutdown(TimeSpan timeout) => _pipeline.Shutdown(timeout);

    /// <summary>Immediate stop, whatever is still in the ring.</summary>
    public void Halt() => _pipeline.Halt();

    public void Dispose() => _pipeline.Dispose();
}
