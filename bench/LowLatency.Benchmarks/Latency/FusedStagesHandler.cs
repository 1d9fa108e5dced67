using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// Filter, aggregator and strategy (with the <see cref="LatencyProbe{TInner}"/>) run one after the other on a single
/// handler thread: the same work as the three-stage pipeline with one hand-off instead of three, and two threads
/// (producer + handler) instead of four on a 2-core machine. A diagnostic variant, not the product's graph: it shows
/// what the stage hand-offs and the oversubscription cost.
/// </summary>
internal struct FusedStagesHandler : IEventHandler<MarketEvent>
{
    // Not readonly: the handlers are mutable structs, called in place.
    private FilterHandler _filter;
    private AggregatorHandler _aggregator;
    private LatencyProbe<StrategyHandler<VwapMeanReversionStrategy>> _strategy;

    public FusedStagesHandler(FilterHandler filter, AggregatorHandler aggregator,
        LatencyProbe<StrategyHandler<VwapMeanReversionStrategy>> strategy)
    {
        _filter = filter;
        _aggregator = aggregator;
        _strategy = strategy;
    }

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        _filter.OnEvent(ref data, sequence, endOfBatch);
        _aggregator.OnEvent(ref data, sequence, endOfBatch);
        _strategy.OnEvent(ref data, sequence, endOfBatch);
    }
}
