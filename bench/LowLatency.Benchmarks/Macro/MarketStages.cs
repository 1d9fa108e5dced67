using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The real filter → aggregator → strategy handlers over a random-walk feed (about 80% quotes, 20% trades) with the
/// VWAP mean-reversion strategy, so the strategy really depends on the aggregator's output. One instance per
/// contender: ours and the Channels rival each run their own copies of identical state.
/// </summary>
internal sealed class MarketStages
{
    public MarketStages()
    {
        Source = new EventSource(GeneratorModel.RandomWalk);
        Filter = new FilterState(Source.Symbols, new FilterOptions());
        Aggregator = new AggregatorState(Source.Symbols, new AggregatorOptions());
        Strategy = new StrategyState(Source.Symbols, new StrategyOptions { Kind = StrategyKind.VwapMeanReversion });
    }

    public EventSource Source { get; }

    public FilterState Filter { get; }

    public AggregatorState Aggregator { get; }

    public StrategyState Strategy { get; }

    /// <summary>
    /// Fills <paramref name="slot"/> with event <paramref name="n"/> and its strictly increasing timestamp: the same
    /// work for ours (in the ring slot) and the rival (in a local it then writes to the first channel).
    /// </summary>
    public void Fill(ref MarketEvent slot, long n)
    {
        slot = Source[n];
        slot.TimestampNs = Source.TimestampNs(n);
    }

    /// <summary>Throws unless every stage saw every published event once; returns a one-line summary.</summary>
    public string Verify(string rig, long published)
    {
        long aggregated = Aggregator.TradeCount + Aggregator.QuoteCount + Aggregator.SkippedCount;
        if (Filter.ProcessedCount != published || aggregated != published || Strategy.TradeCount != Aggregator.TradeCount)
        {
            throw new InvalidOperationException(
                $"{rig}: published {published}, filter saw {Filter.ProcessedCount}, aggregator {aggregated}, " +
                $"strategy {Strategy.TradeCount} trades of the aggregator's {Aggregator.TradeCount}.");
        }

        return $"{rig}: {published} events, {Filter.AcceptedCount} accepted, {Aggregator.TradeCount} trades, " +
            $"{Strategy.Signals.TotalCount} signals.";
    }
}
