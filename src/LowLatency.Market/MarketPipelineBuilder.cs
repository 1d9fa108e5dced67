using LowLatency.Engine;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Market;

/// <summary>
/// Composes a <see cref="MarketPipeline"/>: the ring, filter → aggregator → strategy, and any stages of your own
/// beside the aggregator, before the strategy or after it. Each stage sees an event only after the stages it follows
/// have finished it; <see cref="MarketPipelineOptions.Topology"/> decides whether stages share a thread.
/// </summary>
/// <example><code>
/// using MarketPipeline pipeline = new MarketPipelineBuilder(symbols, options)
///     .WithStrategy(new MyStrategy(...))
///     .AfterStrategy(new MyJournalWriter(...), "journal")
///     .Build();
/// </code></example>
public sealed class MarketPipelineBuilder
{
    private readonly List<Func<HandlerGroup<MarketEvent>, HandlerGroup<MarketEvent>>> _besideAggregator = [];
    private readonly List<Func<HandlerGroup<MarketEvent>, HandlerGroup<MarketEvent>>> _beforeStrategy = [];
    private readonly List<Func<HandlerGroup<MarketEvent>, HandlerGroup<MarketEvent>>> _afterStrategy = [];
    private Func<HandlerGroup<MarketEvent>, Parts, HandlerGroup<MarketEvent>>? _strategyStage;
    private string? _strategyName;
    private StrategyReasons? _reasons;
    private bool _built;

    public MarketPipelineBuilder(SymbolTable symbols, MarketPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        options.Validate();
        Symbols = symbols;
        Options = options;
    }

    public SymbolTable Symbols { get; }

    public MarketPipelineOptions Options { get; }

    /// <summary>The strategy stage runs <paramref name="strategy"/> (exactly one strategy per pipeline), reported
    /// as <paramref name="name"/> (default: its type's <c>Name</c>).</summary>
    public MarketPipelineBuilder WithStrategy<TStrategy>(TStrategy strategy, string? name = null)
        where TStrategy : struct, IStrategy<TStrategy>
    {
        if (_strategyStage is not null)
        {
            throw new InvalidOperationException($"The pipeline already runs strategy '{_strategyName}'; a pipeline runs one strategy.");
        }

        _strategyName = name ?? TStrategy.Name;
        _reasons = StrategyReasons.Of<TStrategy>();
        _strategyStage = (group, parts) =>
        {
            var handler = new StrategyHandler<TStrategy>(strategy, parts.Trading, parts.Views);
            var options = new HandlerOptions { Name = "strategy" };
            return parts.Latency is { } latency
                ? group.Then(new LatencyRecordingHandler<StrategyHandler<TStrategy>>(handler, latency), options)
                : group.Then(handler, options);
        };
        return this;
    }

    /// <summary>The strategy stage runs the strategy <paramref name="definition"/> builds from <paramref name="parameters"/>
    /// (its defaults when null); a bad parameter throws <see cref="StrategyParameterException"/>.</summary>
    public MarketPipelineBuilder WithStrategy(StrategyDefinition definition, StrategyParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.AddTo(this, parameters ?? StrategyParameters.Defaults());
    }

    /// <summary>Adds a stage that runs in parallel with the aggregator, after the filter; the strategy waits for it too.</summary>
    public MarketPipelineBuilder BesideAggregator<THandler>(THandler handler, string name)
        where THandler : struct, IEventHandler<MarketEvent>
    {
        HandlerOptions options = Named(name);
        _besideAggregator.Add(group => group.And(handler, options));
        return this;
    }

    /// <summary>Adds a stage between the aggregator and the strategy (a risk check, an enricher); stages added this way run in order.</summary>
    public MarketPipelineBuilder BeforeStrategy<THandler>(THandler handler, string name)
        where THandler : struct, IEventHandler<MarketEvent>
    {
        HandlerOptions options = Named(name);
        _beforeStrategy.Add(group => group.Then(handler, options));
        return this;
    }

    /// <summary>Adds a stage after the strategy (a journal writer, an audit); it sees the strategy's
    /// <see cref="MarketEvent.Signal"/>. Stages added this way run in order; the ring is gated by the last one.</summary>
    public MarketPipelineBuilder AfterStrategy<THandler>(THandler handler, string name)
        where THandler : struct, IEventHandler<MarketEvent>
    {
        HandlerOptions options = Named(name);
        _afterStrategy.Add(group => group.Then(handler, options));
        return this;
    }

    /// <summary>Builds the pipeline, once: the strategy and stage structs it holds go into this one pipeline.</summary>
    public MarketPipeline Build()
    {
        if (_strategyStage is null)
        {
            throw new InvalidOperationException("No strategy: call WithStrategy before Build.");
        }

        if (_built)
        {
            throw new InvalidOperationException("This builder has built its pipeline already; use a new builder for another.");
        }

        _built = true;

        MarketPipelineOptions options = Options;
        var filter = new FilterState(Symbols, options.Filter);
        var aggregator = new AggregatorState(Symbols, options.Aggregator);
        var trading = new TradingState(Symbols, options.Trading);
        var views = new AggregateRing(options.RingSize);
        LatencyRecorder? latency = options.RecordLatency ? new LatencyRecorder() : null;

        var engine = new EventPipeline<MarketEvent>(options.RingSize, options.ProducerType, Engine.WaitStrategy.Create(options.WaitStrategy))
        {
            DefaultExceptionPolicy = options.ExceptionPolicy,
            Topology = options.Topology,
            ProducerThreads = options.ProducerThreads,
            CoalesceBatch = options.CoalesceBatch,
        };
        HandlerGroup<MarketEvent> group = engine
            .HandleEventsWith(new FilterHandler(filter), Named("filter"))
            .Then(new AggregatorHandler(aggregator, views), Named("aggregator"));
        IEventProcessor aggregatorStage = engine.Processors[^1];
        foreach (Func<HandlerGroup<MarketEvent>, HandlerGroup<MarketEvent>> add in _besideAggregator)
        {
            group = add(group);
        }

        foreach (Func<HandlerGroup<MarketEvent>, HandlerGroup<MarketEvent>> add in _beforeStrategy)
        {
            group = add(group);
        }

        group = _strategyStage(group, new Parts(trading, views, latency));
        IEventProcessor strategyStage = engine.Processors[^1];
        foreach (Func<HandlerGroup<MarketEvent>, HandlerGroup<MarketEvent>> add in _afterStrategy)
        {
            group = add(group);
        }

        return new MarketPipeline(engine, Symbols, options, filter, aggregator, trading, latency, _strategyName!, _reasons!,
            new StrategyViews(views, aggregatorStage, strategyStage));
    }

    private static HandlerOptions Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new HandlerOptions { Name = name };
    }

    /// <summary>What the strategy stage is built from, created at <see cref="Build"/>.</summary>
    private readonly record struct Parts(TradingState Trading, AggregateRing Views, LatencyRecorder? Latency);
}
