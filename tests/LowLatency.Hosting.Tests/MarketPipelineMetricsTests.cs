using System.Diagnostics.Metrics;
using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using LowLatency.Market.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using M = LowLatency.Hosting.MarketPipelineMetrics;

namespace LowLatency.Hosting.Tests;

public sealed class MarketPipelineMetricsTests
{
    /// <summary>
    /// The threshold strategy with absolute levels (buy below 150, sell above 250, one unit per crossing) and a
    /// position limit of 3: 250 buy crossings (100 after 200), then 250 sell crossings (300 after 200). The first 3
    /// buys are accepted (long 3), the rest would exceed the limit; the first 3 sells close the position and 3 more
    /// open a short of 3, the rest would exceed it. Every accepted order fills on the next trade, at that trade's price.
    /// </summary>
    [Fact]
    public async Task Instruments_AfterPublishing_MatchTheEngineCounters()
    {
        using IHost host = TestHosts.Build(o => o.RecordLatency = true, settings:
        [
            new("LowLatency:Strategy:Parameters:buy-below", "150"),
            new("LowLatency:Strategy:Parameters:sell-above", "250"),
            new("LowLatency:Strategy:Parameters:order-quantity", "1"),
            new("LowLatency:Strategy:Parameters:max-orders", "1000"),
            new("LowLatency:Trading:MaxPosition", "3"),
        ]);
        // Observable instruments report the engine's counters whenever they are read: a collector made after the
        // events reads their totals.
        IMeterFactory meters = host.Services.GetRequiredService<IMeterFactory>();
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        SymbolId aapl = service.Symbols.GetOrAdd("AAPL");

        // 1000 good trades, 7 zero prices, 3 zero sizes.
        await TestHosts.Bounded(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                service.Publisher.Publish(TestHosts.Trade(aapl, i + 1, price: i % 2 == 1 ? 200 : i < 500 ? 100 : 300));
            }

            for (int i = 0; i < 7; i++)
            {
                service.Publisher.Publish(TestHosts.Trade(aapl, 2_000, price: 0));
            }

            for (int i = 0; i < 3; i++)
            {
                service.Publisher.Publish(MarketEvent.Trade(aapl, FixedPoint.FromInt(100), FixedPoint.Zero, 2_000));
            }
        });
        Assert.True(service.Pipeline.Drain(TestHosts.Timeout));

        Assert.Equal(1_010, Observe<long>(meters, M.EventsPublished).Single().Value);
        Assert.Equal([("filter", 1_010L), ("aggregator", 1_010L), ("strategy", 1_010L)], ByTag(meters, M.EventsProcessed, M.StageTag));
        Assert.All(Observe<long>(meters, M.EventsFailed), m => Assert.Equal(0, m.Value));
        Dictionary<string, long> byReason = ByTag(meters, M.EventsFiltered, M.ReasonTag).ToDictionary();
        Assert.Equal(Enum.GetNames<FilterReason>().Where(n => n != nameof(FilterReason.None)), byReason.Keys);
        Assert.Equal(7, byReason[nameof(FilterReason.NonPositivePrice)]);
        Assert.Equal(3, byReason[nameof(FilterReason.NonPositiveSize)]);
        Assert.Equal(10, byReason.Values.Sum());
        Assert.Equal([("Buy", 3L), ("Sell", 6L)], ByTag(meters, M.Signals, M.SideTag));
        Assert.Equal([("Buy", 3L), ("Sell", 6L)], ByTag(meters, M.Fills, M.SideTag));
        Assert.Equal(
        [
            ("Invalid", 0L), ("MaxOrderQuantity", 0L), ("MaxPosition", 491L), ("MaxNotional", 0L), ("NoPrice", 0L), ("TooManyOpenOrders", 0L),
            ("BeyondRange", 0L),
        ], ByTag(meters, M.IntentsSuppressed, M.ReasonTag));
        TradingState trading = service.Pipeline.Trading;
        Assert.Equal((3L, 6L, 3L, 6L, 491L), (trading.Signals.BuyCount, trading.Signals.SellCount, trading.Fills.BuyCount,
            trading.Fills.SellCount, trading.GetSuppressedCount(IntentResult.MaxPosition)));
        Assert.Equal(0, Observe<long>(meters, M.SignalsDropped).Single().Value);
        Assert.Equal(0, Observe<long>(meters, M.RingLag).Single().Value);
        Assert.Equal(0.0, Observe<double>(meters, M.RingOccupancy).Single().Value);
        long median = Observe<long>(meters, M.LatencyP50).Single().Value;
        long tail = Observe<long>(meters, M.LatencyP99).Single().Value;
        long worst = Observe<long>(meters, M.LatencyMax).Single().Value;
        Assert.True(median > 0 && median <= tail && tail <= worst, $"p50 {median}, p99 {tail}, max {worst}");

        await host.StopBounded();
    }

    /// <summary>
    /// dotnet-counters reads the instruments on its own thread while the strategy thread records latency: every
    /// callback must read race-free. Reads every instrument back to back while the generator runs flat out, until
    /// the strategy stage has processed 200,000 events during the reads; then, stopped, every processed event is in
    /// the latency histogram exactly once (none lost to a swap, none counted twice).
    /// </summary>
    [Fact]
    public async Task Instruments_ReadInATightLoopWhileRunningFlatOut_NeverThrowAndCountersNeverGoBack()
    {
        using IHost host = TestHosts.Build(o =>
        {
            o.RecordLatency = true;
            o.Input = InputKind.Generator;
            o.Generator.EventsPerSecond = 0;
        });
        IMeterFactory meters = host.Services.GetRequiredService<IMeterFactory>();
        using var reader = new InstrumentReader(meters);
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        IEventProcessor strategy = service.Pipeline.Stages[^1];

        int reads = await TestHosts.Bounded(() =>
        {
            long processedBefore = strategy.ProcessedCount;
            int count = 0;
            while (count < 1_000 || strategy.ProcessedCount - processedBefore < 200_000)
            {
                reader.ReadAll(); // throws AggregateException if any callback threw
                count++;
            }

            return count;
        });
        await host.StopBounded();

        Assert.True(reads >= 1_000, $"{reads} reads");
        Assert.Empty(reader.Decreases);
        Assert.Empty(reader.InconsistentLatencies);
        Assert.True(reader.LastMaxLatency > 0);
        Assert.Equal(strategy.ProcessedCount, service.Pipeline.Latency!.TotalCount);
    }

    [Fact]
    public async Task Meter_EveryInstrument_IsObservable()
    {
        using IHost host = TestHosts.Build(o => o.RecordLatency = true);
        IMeterFactory meters = host.Services.GetRequiredService<IMeterFactory>();
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == M.MeterName && instrument.Meter.Scope == meters)
                {
                    lock (instruments)
                    {
                        instruments.Add(instrument);
                    }
                }
            },
        };
        listener.Start();
        await host.StartBounded();

        string[] names;
        lock (instruments)
        {
            Assert.All(instruments, i => Assert.True(i.IsObservable, i.Name));
            names = [.. instruments.Select(i => i.Name).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(
        [
            M.EventsFailed, M.EventsFiltered, M.EventsProcessed,
            M.EventsPublished, M.Fills, M.IntentsSuppressed,
            M.LatencyMax, M.LatencyP50, M.LatencyP99,
            M.RingLag, M.RingOccupancy, M.Signals,
            M.SignalsDropped,
        ], names);
        await host.StopBounded();
    }

    /// <summary>What <paramref name="instrument"/> reports now.</summary>
    private static IReadOnlyList<CollectedMeasurement<T>> Observe<T>(IMeterFactory meters, string instrument)
        where T : struct
    {
        using var collector = new MetricCollector<T>(meters, M.MeterName, instrument);
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot();
    }

    private static List<(string, long)> ByTag(IMeterFactory meters, string instrument, string tag) =>
        [.. Observe<long>(meters, instrument).Select(m => ((string)m.Tags[tag]!, m.Value))];
}
