using BenchmarkDotNet.Attributes;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// What the replay's consumer thread costs per event, stage by stage, with no ring hand-off: random-walk events are
/// copied into slots and run through the stages a 256-event batch at a time, each stage over the whole batch before
/// the next (as a fused stage thread does), with the default strategy (threshold). Each row adds a stage, so the
/// difference between rows is that stage's cost; the last row is the ceiling for a replay whose producer keeps up.
/// Single-threaded, so far steadier than the end-to-end replay on a shared 2-core VM.
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class StageCostBenchmarks
{
    private const int Batch = Engine.TopologyPlan.FusedBatchLimit;
    private const int Slots = EventSource.Length;

    private readonly MarketEvent[] _slots = new MarketEvent[Slots];
    private EventSource _source = null!;
    private FilterHandler _filter;
    private AggregatorHandler _aggregator;
    private AggregatorHandler _aggregatorNoViews;
    private StrategyHandler<ThresholdStrategy> _strategy;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _source = new EventSource(GeneratorModel.RandomWalk);
        SymbolTable symbols = _source.Symbols;
        var views = new AggregateRing(Slots);
        _filter = new FilterHandler(new FilterState(symbols, new FilterOptions()));
        _aggregator = new AggregatorHandler(new AggregatorState(symbols, new AggregatorOptions()), views);
        _aggregatorNoViews = new AggregatorHandler(new AggregatorState(symbols, new AggregatorOptions()));
        _strategy = new StrategyHandler<ThresholdStrategy>(
            ThresholdStrategy.Create(StrategyParameters.Defaults(), new StrategySetup(symbols)),
            new TradingState(symbols, new TradingOptions()), views);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Slots)]
    public long Fill() => Run(stages: 0);

    [Benchmark(OperationsPerInvoke = Slots)]
    public long Filter() => Run(stages: 1);

    [Benchmark(OperationsPerInvoke = Slots)]
    public long FilterAggregator() => Run(stages: 2);

    [Benchmark(OperationsPerInvoke = Slots)]
    public long FilterAggregatorStrategy() => Run(stages: 3);

    /// <summary>The aggregator without the per-slot view it writes for the strategy: the difference to
    /// <see cref="FilterAggregator"/> is the view's cost.</summary>
    [Benchmark(OperationsPerInvoke = Slots)]
    public long FilterAggregatorWithoutView() => Run(stages: 2, views: false);

    private long Run(int stages, bool views = true)
    {
        for (int batch = 0; batch < Slots; batch += Batch)
        {
            long first = _next;
            long last = first + Batch - 1;
            for (long n = first; n <= last; n++)
            {
                ref MarketEvent slot = ref _slots[n & (Slots - 1)];
                slot = _source[n];
                slot.TimestampNs = _source.TimestampNs(n); // always later: the filter never sees a lap twice
                MarketEventSlot.Seal(ref slot, 0);
            }

            if (stages >= 1)
            {
                for (long n = first; n <= last; n++)
                {
                    _filter.OnEvent(ref _slots[n & (Slots - 1)], n, n == last);
                }
            }

            if (stages >= 2)
            {
                for (long n = first; n <= last; n++)
                {
                    if (views)
                    {
                        _aggregator.OnEvent(ref _slots[n & (Slots - 1)], n, n == last);
                    }
                    else
                    {
                        _aggregatorNoViews.OnEvent(ref _slots[n & (Slots - 1)], n, n == last);
                    }
                }
            }

            if (stages >= 3)
            {
                for (long n = first; n <= last; n++)
                {
                    _strategy.OnEvent(ref _slots[n & (Slots - 1)], n, n == last);
                }
            }

            _next = last + 1;
        }

        return _next;
    }
}
