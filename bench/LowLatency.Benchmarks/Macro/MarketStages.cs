using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The real filter → aggregator → strategy handlers over a random-walk feed (about 80% quotes, 20% trades) with the
/// VWAP mean-reversion strategy (default parameters) on the engine's <see cref="TradingState"/>, so the strategy really
/// depends on the aggregator's output: as in a <see cref="MarketPipeline"/>, the aggregator writes each accepted
/// event's aggregates into an <see cref="AggregateRing"/> at <c>sequence &amp; mask</c> and the strategy reads them
/// there. One instance per contender: ours and the Channels rival each run their own copies of identical state.
/// </summary>
internal sealed class MarketStages
{
    private readonly int _ringSize;

    /// <param name="ringSize">Slots of the <see cref="AggregateRing"/>: our ring's size, for ours and the Channels rival
    /// alike (whose aggregator → strategy channel is sized by <see cref="StrategyChannelCapacity"/>).</param>
    public MarketStages(int ringSize)
    {
        _ringSize = ringSize;
        Source = new EventSource(GeneratorModel.RandomWalk);
        Filter = new FilterState(Source.Symbols, new FilterOptions());
        Aggregator = new AggregatorState(Source.Symbols, new AggregatorOptions());
        Trading = new TradingState(Source.Symbols, new TradingOptions());
        var views = new AggregateRing(ringSize);
        FilterHandler = new FilterHandler(Filter);
        AggregatorHandler = new AggregatorHandler(Aggregator, views);
        StrategyHandler = new StrategyHandler<VwapMeanReversionStrategy>(
            VwapMeanReversionStrategy.Create(StrategyParameters.Defaults(), new StrategySetup(Source.Symbols)), Trading, views);
    }

    public EventSource Source { get; }

    public FilterState Filter { get; }

    public AggregatorState Aggregator { get; }

    /// <summary>Book, positions, signals and fills of the strategy stage.</summary>
    public TradingState Trading { get; }

    /// <summary>The filter stage's handler, to be run by one stage.</summary>
    public FilterHandler FilterHandler { get; }

    /// <summary>The aggregator stage's handler, writing the views <see cref="StrategyHandler"/> reads; one stage only.</summary>
    public AggregatorHandler AggregatorHandler { get; }

    /// <summary>The strategy stage's handler (the strategy struct inside is mutable): to be run by one stage only.</summary>
    public StrategyHandler<VwapMeanReversionStrategy> StrategyHandler { get; }

    /// <summary>
    /// The most events a Channels rival's aggregator → strategy channel may hold. Both handlers are passed the event's
    /// number n and index the aggregate ring with n &amp; mask, so the aggregator must never write the view of an event
    /// the strategy has not finished reading: while the strategy works on event r, the aggregator may already be
    /// writing event r + capacity + 1 (a full channel between them, plus the event it has handled but cannot forward
    /// yet), which must stay less than the ring size ahead of r. Hence capacity ≤ ring size − 2: a channel as large as
    /// the ring would let the aggregator overwrite views the strategy still reads. Our ring needs no such limit: its
    /// producer cannot claim a slot before the strategy has finished the event a ring earlier.
    /// </summary>
    public int StrategyChannelCapacity => _ringSize - 2;

    /// <summary>
    /// Fills <paramref name="slot"/> with event <paramref name="n"/> and its strictly increasing timestamp: the same
    /// work for ours (in the ring slot) and the rival (in a local it then writes to the first channel).
    /// </summary>
    public void Fill(ref MarketEvent slot, long n)
    {
        slot = Source[n];
        slot.TimestampNs = Source.TimestampNs(n);
    }

    /// <summary>
    /// Throws unless every stage saw every published event once (the strategy every trade and quote the aggregator
    /// accepted); returns a one-line summary with the strategy's signals and fills.
    /// </summary>
    public string Verify(string rig, long published)
    {
        long aggregated = Aggregator.TradeCount + Aggregator.QuoteCount + Aggregator.SkippedCount;
        if (Filter.ProcessedCount != published || aggregated != published
            || Trading.TradeCount != Aggregator.TradeCount || Trading.QuoteCount != Aggregator.QuoteCount)
        {
            throw new InvalidOperationException(
                $"{rig}: published {published}, filter saw {Filter.ProcessedCount}, aggregator {aggregated}, " +
                $"strategy {Trading.TradeCount} trades and {Trading.QuoteCount} quotes of the aggregator's " +
                $"{Aggregator.TradeCount} and {Aggregator.QuoteCount}.");
        }

        return $"{rig}: {published} events, {Filter.AcceptedCount} accepted, {Aggregator.TradeCount} trades, " +
            $"{Trading.Signals.TotalCount} signals, {Trading.Fills.TotalCount} fills.";
    }
}
