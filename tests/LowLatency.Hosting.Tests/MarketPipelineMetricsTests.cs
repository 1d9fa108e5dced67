using System.Diagnostics.Metrics;
using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using LowLatency.Market.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using M = LowLatency.Hosting.MarketPipelineMetrics;

namespace LowLatency.Hosting.Tests;

[Collection(ProcessWideMeterCollection.Name)]
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
        List<Instrument> instruments = await PublishedInstruments();

        Assert.All(instruments, i => Assert.True(i.IsObservable, i.Name));
        Assert.Equal(
        [
            M.EventsFailed, M.EventsFiltered, M.EventsProcessed,
            M.EventsPublished, M.Fills, M.IntentsSuppressed,
            M.LatencyMax, M.LatencyP50, M.LatencyP99,
            M.RingLag, M.RingOccupancy, M.Signals,
            M.SignalsDropped,
        ], instruments.Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Meter_EveryInstrument_HasItsUnitAndADescription()
    {
        List<Instrument> instruments = await PublishedInstruments();

        Assert.Equal(InstrumentUnits.ByName, instruments.ToDictionary(i => i.Name, i => i.Unit ?? ""));
        Assert.All(instruments, i => Assert.False(string.IsNullOrWhiteSpace(i.Description), i.Name));
    }

    /// <summary>
    /// The meter through OpenTelemetry, as a user's host adds it (AddMeter + an exporter; here the in-memory one): after
    /// a generated run of known length and a stop, every instrument arrives with its name, unit and kind, the counts are
    /// exact (published = generated, every stage processed all of them) and agree with the engine's own counters.
    /// </summary>
    [Fact]
    public async Task Meter_ExportedThroughOpenTelemetry_EveryInstrumentArrivesWithItsUnitAndExactCounts()
    {
        const long Events = 20_000;
        var exported = new List<MetricSnapshot>();
        using IHost host = TestHosts.Build(o =>
        {
            o.RecordLatency = true;
            o.Input = InputKind.Generator;
            o.Generator.Events = Events;
            o.Generator.EventsPerSecond = 0;
        }, settings:
        [
            new("LowLatency:Strategy:Parameters:buy-below", "150"),
            new("LowLatency:Strategy:Parameters:sell-above", "150"),
        ], also: builder => builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(M.MeterName)
            .AddInMemoryExporter(exported)));
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        Assert.Equal(1, LiveMetersNamed(M.MeterName)); // another host's meter would merge into the exported counts
        Assert.True(await TestHosts.Eventually(() => service.Pipeline.Stages[^1].ProcessedCount == Events),
            "strategy processed " + service.Pipeline.Stages[^1].ProcessedCount);
        // Every count is final once the strategy has processed every event: read every instrument once more now, while
        // the pipeline's meter is alive (a stop disposes it, and a flush after that would export only earlier readings).
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());
        await host.StopBounded();

        Dictionary<string, MetricSnapshot> metrics = exported.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(InstrumentUnits.ByName, metrics.ToDictionary(m => m.Key, m => m.Value.Unit));
        Assert.All(metrics.Values, m =>
        {
            Assert.Equal(M.MeterName, m.MeterName);
            Assert.False(string.IsNullOrWhiteSpace(m.Description), m.Name);
            Assert.Equal(ExpectedType(m.Name), m.MetricType);
        });

        TradingState trading = service.Pipeline.Trading;
        Assert.Equal([("", Events)], Sums(metrics[M.EventsPublished], tag: null));
        Assert.Equal([("filter", Events), ("aggregator", Events), ("strategy", Events)], Sums(metrics[M.EventsProcessed], M.StageTag));
        Assert.All(Sums(metrics[M.EventsFailed], M.StageTag), s => Assert.Equal(0, s.Value));
        Assert.All(Sums(metrics[M.EventsFiltered], M.ReasonTag),
            s => Assert.Equal(service.Pipeline.Filter.GetCount(Enum.Parse<FilterReason>(s.Tag)), s.Value));
        Assert.Equal([("Buy", trading.Signals.BuyCount), ("Sell", trading.Signals.SellCount)], Sums(metrics[M.Signals], M.SideTag));
        Assert.True(trading.Signals.TotalCount > 0, "the run emitted no signal");
        Assert.Equal([("Buy", trading.Fills.BuyCount), ("Sell", trading.Fills.SellCount)], Sums(metrics[M.Fills], M.SideTag));
        Assert.All(Sums(metrics[M.IntentsSuppressed], M.ReasonTag),
            s => Assert.Equal(trading.GetSuppressedCount(Enum.Parse<IntentResult>(s.Tag)), s.Value));
        Assert.Equal([("", service.Signals.Dropped)], Sums(metrics[M.SignalsDropped], tag: null));
        Assert.Equal(0, metrics[M.RingLag].MetricPoints.Single().GetGaugeLastValueLong());
        Assert.Equal(0.0, metrics[M.RingOccupancy].MetricPoints.Single().GetGaugeLastValueDouble());
        long median = metrics[M.LatencyP50].MetricPoints.Single().GetGaugeLastValueLong();
        long tail = metrics[M.LatencyP99].MetricPoints.Single().GetGaugeLastValueLong();
        long worst = metrics[M.LatencyMax].MetricPoints.Single().GetGaugeLastValueLong();
        Assert.True(median > 0 && median <= tail && tail <= worst, $"p50 {median}, p99 {tail}, max {worst}");
    }

    /// <summary>What OpenTelemetry makes of each instrument: observable counters are cumulative sums.</summary>
    private static MetricType ExpectedType(string instrument) => instrument switch
    {
        M.RingOccupancy => MetricType.DoubleGauge,
        M.RingLag or M.LatencyP50 or M.LatencyP99 or M.LatencyMax => MetricType.LongGauge,
        _ => MetricType.LongSum,
    };

    /// <summary>Starts a host and returns the instruments its meter published.</summary>
    private static async Task<List<Instrument>> PublishedInstruments()
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
        await host.StopBounded();
        lock (instruments)
        {
            return [.. instruments];
        }
    }

    /// <summary>How many meters named <paramref name="name"/> publish <see cref="M.EventsPublished"/> now.</summary>
    private static int LiveMetersNamed(string name)
    {
        int count = 0;
        using var listener = new MeterListener
        {
            // Called on Start for every instrument already published, on this thread.
            InstrumentPublished = (instrument, _) => count += instrument.Meter.Name == name && instrument.Name == M.EventsPublished ? 1 : 0,
        };
        listener.Start();
        return count;
    }

    /// <summary>Each point of a counter: its <paramref name="tag"/> value ("" without one) and its sum.</summary>
    private static List<(string Tag, long Value)> Sums(MetricSnapshot metric, string? tag)
    {
        var sums = new List<(string, long)>();
        foreach (MetricPoint point in metric.MetricPoints)
        {
            string value = "";
            foreach (KeyValuePair<string, object?> t in point.Tags)
            {
                if (t.Key == tag)
                {
                    value = (string)t.Value!;
                }
            }

            sums.Add((value, point.GetSumLong()));
        }

        return sums;
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
