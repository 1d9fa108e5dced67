using System.Globalization;
using LowLatency.Engine;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Market;

/// <summary>
/// The embedding API: one ring of <see cref="MarketEvent"/>s and the chain filter → aggregator → strategy (plus any
/// stages of your own), each stage reading what the stage before wrote into the same slot, on threads chosen by
/// <see cref="MarketPipelineOptions.Topology"/>. Build it
/// with <see cref="MarketPipelineBuilder"/>; publish through <see cref="RingBuffer"/> (claim, fill in place, publish)
/// or <see cref="Publish(in MarketEvent)"/>; read results from the stage states once it has stopped.
/// </summary>
public sealed class MarketPipeline : IDisposable
{
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly StrategyViews _views;

    internal MarketPipeline(EventPipeline<MarketEvent> pipeline, SymbolTable symbols, MarketPipelineOptions options, FilterState filter,
        AggregatorState aggregator, TradingState trading, LatencyRecorder? latency, string strategyName, StrategyReasons reasons,
        StrategyViews views)
    {
        _pipeline = pipeline;
        _views = views;
        Symbols = symbols;
        Options = options;
        Filter = filter;
        Aggregator = aggregator;
        Trading = trading;
        Latency = latency;
        StrategyName = strategyName;
        Reasons = reasons;
    }

    /// <summary>Latencies above this (60 s) are recorded as this.</summary>
    public const long MaxRecordedLatencyNs = 60_000_000_000;

    public MarketPipelineOptions Options { get; }

    /// <summary>Ingest → strategy latency per event, in ns, when <see cref="MarketPipelineOptions.RecordLatency"/> is set;
    /// readable from any thread while the pipeline runs.</summary>
    public LatencyRecorder? Latency { get; }

    public SymbolTable Symbols { get; }

    public FilterState Filter { get; }

    public AggregatorState Aggregator { get; }

    /// <summary>Positions, risk, signals, fills and PnL of the strategy stage.</summary>
    public TradingState Trading { get; }

    /// <summary>The name of the strategy the strategy stage runs.</summary>
    public string StrategyName { get; }

    /// <summary>The strategy's names for its reason codes.</summary>
    public StrategyReasons Reasons { get; }

    public RingBuffer<MarketEvent> RingBuffer => _pipeline.RingBuffer;

    /// <summary>The underlying engine pipeline: per-stage processors, state, lag, fault reporting.</summary>
    public EventPipeline<MarketEvent> Pipeline => _pipeline;

    public PipelineState State => _pipeline.State;

    /// <summary>Events claimed but not yet through the last stage.</summary>
    public long Lag => _pipeline.Lag;

    /// <summary>Every stage in the order added: filter, aggregator, your stages, strategy, ...</summary>
    public IReadOnlyList<IEventProcessor> Stages => _pipeline.Processors;

    /// <summary>The stage threads Start created (see <see cref="MarketPipelineOptions.Topology"/>), each with its stages in order.</summary>
    public IReadOnlyList<IReadOnlyList<IEventProcessor>> StageThreads => _pipeline.StageThreads;

    /// <summary>
    /// "1 thread (filter → aggregator → strategy), topology auto on 2 cores" or "3 threads (filter | aggregator |
    /// strategy), topology threaded": the threads Start created, each with its stages in the order it runs them
    /// (→ within a thread, | between threads), and the topology asked for (with the cores Auto planned for).
    /// </summary>
    public string DescribeStageThreads()
    {
        IReadOnlyList<IReadOnlyList<IEventProcessor>> threads = StageThreads;
        StageTopology topology = Options.Topology;
        int cores = _pipeline.Cores;
        string asked = "topology " + topology.ToString().ToLowerInvariant()
            + (topology == StageTopology.Auto ? string.Create(CultureInfo.InvariantCulture, $" on {cores} {(cores == 1 ? "core" : "cores")}") : "");
        if (threads.Count == 0)
        {
            return $"not started ({string.Join(", ", Stages.Select(s => s.Name))}), {asked}";
        }

        string layout = string.Join(" | ", threads.Select(t => string.Join(" → ", t.Select(s => s.Name))));
        return string.Create(CultureInfo.InvariantCulture, $"{threads.Count} {(threads.Count == 1 ? "thread" : "threads")} ({layout}), {asked}");
    }

    /// <summary>Starts the stage threads (see <see cref="MarketPipelineOptions.Topology"/>) and returns once every
    /// stage has started.</summary>
    public void Start() => _pipeline.Start(threads => _views.Fit(threads, Options.RingSize)); // inside the engine's start lock

    /// <summary>Views the aggregator keeps for the strategy (see <see cref="StrategyViews"/>).</summary>
    internal int ViewCount => _views.Ring.Size;

    /// <summary>Copies <paramref name="e"/> into the next slot and publishes it, with stage fields cleared and an ingest stamp.</summary>
    public void Publish(in MarketEvent e) => MarketEventSlot.Publish(_pipeline.RingBuffer, in e);

    /// <summary>Waits until every stage has processed every event published so far; false on timeout or halt.</summary>
    public bool Drain(TimeSpan timeout) => _pipeline.Drain(timeout);

    /// <summary>Graceful stop: every published event goes through every stage first. False if that took longer than <paramref name="timeout"/>.</summary>
    public bool Shutdown(TimeSpan timeout) => _pipeline.Shutdown(timeout);

    /// <summary>Immediate stop, whatever is still in the ring.</summary>
    public void Halt() => _pipeline.Halt();

    public void Dispose() => _pipeline.Dispose();
}
