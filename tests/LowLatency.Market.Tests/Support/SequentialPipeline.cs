using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Market.Tests.Support;

/// <summary>
/// The pipeline's three stages, the very handlers <see cref="MarketPipelineBuilder"/> composes, run one after another
/// on one thread, event by event: the straightforward reference for anything a <see cref="MarketPipeline"/> computes.
/// </summary>
internal sealed class SequentialPipeline<TStrategy>
    where TStrategy : struct, IStrategy<TStrategy>
{
    private FilterHandler _filter;
    private AggregatorHandler _aggregator;
    private StrategyHandler<TStrategy> _strategy;

    public SequentialPipeline(SymbolTable symbols, TStrategy strategy, in MarketPipelineOptions options)
    {
        Filter = new FilterState(symbols, options.Filter);
        Aggregator = new AggregatorState(symbols, options.Aggregator);
        Trading = new TradingState(symbols, options.Trading);
        var views = new AggregateRing(1); // each event passes every stage before the next one comes
        _filter = new FilterHandler(Filter);
        _aggregator = new AggregatorHandler(Aggregator, views);
        _strategy = new StrategyHandler<TStrategy>(strategy, Trading, views);
    }

    public FilterState Filter { get; }

    public AggregatorState Aggregator { get; }

    public TradingState Trading { get; }

    /// <summary>Events processed so far: the sequence the next one gets.</summary>
    public long Sequence { get; private set; }

    public void Process(ref MarketEvent e)
    {
        long sequence = Sequence++;
        _filter.OnEvent(ref e, sequence, true);
        _aggregator.OnEvent(ref e, sequence, true);
        _strategy.OnEvent(ref e, sequence, true);
    }

    /// <summary>Runs every event through the stages, in place (stage fields written as the pipeline writes them).</summary>
    public void Process(MarketEvent[] events)
    {
        for (int i = 0; i < events.Length; i++)
        {
            Process(ref events[i]);
        }
    }

    /// <summary>A copy of <paramref name="e"/> run through the stages; returns what the stages wrote into it.</summary>
    public MarketEvent Process(MarketEvent e)
    {
        Process(ref e);
        return e;
    }
}
