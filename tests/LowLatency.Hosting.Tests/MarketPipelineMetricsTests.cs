using System.Diagnostics.Metrics;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;

namespace LowLatency.Hosting.Tests;

public sealed class MarketPipelineMetricsTests
{
    [Fact]
    public async Task Instruments_AfterPublishing_MatchTheEngineCounters()
    {
        using IHost host = TestHosts.Build(o => o.RecordLatency = true);
        IMeterFactory meters = host.Services.GetRequiredService<IMeterFactory>();
        using var published = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.EventsPublished);
        using var processed = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.EventsProcessed);
        using var failed = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.EventsFailed);
        using var filtered = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.EventsFiltered);
        using var signals = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.Signals);
        using var dropped = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.SignalsDropped);
        using var lag = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.RingLag);
        using var occupancy = new MetricCollector<double>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.RingOccupancy);
        using var p50 = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.LatencyP50);
        using var p99 = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.LatencyP99);
        using var max = new MetricCollector<long>(meters, MarketPipelineMetrics.MeterName, MarketPipelineMetrics.LatencyMax);
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        SymbolId aapl = service.Symbols.GetOrAdd("AAPL");

        // 1000 good trades (buys below 150, sells above), 7 zero prices, 3 zero sizes.
        await TestHosts.Bounded(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                service.Publisher.Publish(TestHosts.Trade(aapl, i + 1, price: i % 2 == 0 ? 100 : 200));
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

        Assert.Equal(1_010, Observe(published).Single().Value);
        Assert.Equal([("filter", 1_010L), ("aggregator", 1_010L), ("strategy", 1_010L)], ByTag(processed, MarketPipelineMetrics.StageTag));
        Assert.All(Observe(failed), m => Assert.Equal(0, m.Value));
        Dictionary<string, long> byReason = ByTag(filtered, MarketPipelineMetrics.ReasonTag).ToDictionary();
        Assert.Equal(9, byReason.Count); // every FilterReason but None
        Assert.Equal(7, byReason[nameof(FilterReason.NonPositivePrice)]);
        Assert.Equal(3, byReason[nameof(FilterReason.NonPositiveSize)]);
        Assert.Equal(service.Pipeline.Filter.FilteredCount, byReason.Values.Sum());
        SignalLog log = service.Pipeline.Strategy.Signals;
        Assert.True(log.TotalCount > 0);
        Assert.Equal([("Buy", log.BuyCount), ("Sell", log.SellCount)], ByTag(signals, MarketPipelineMetrics.SideTag));
        Assert.Equal(0, Observe(dropped).Single().Value);
        Assert.Equal(0, Observe(lag).Single().Value);
        Assert.Equal(0.0, Observe(occupancy).Single().Value);
        long median = Observe(p50).Single().Value, tail = Observe(p99).Single().Value, worst = Observe(max).Single().Value;
        Assert.True(median > 0 && median <= tail && tail <= worst, $"p50 {median}, p99 {tail}, max {worst}");

        await host.StopBounded();
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
                if (instrument.Meter.Name == MarketPipelineMetrics.MeterName && instrument.Meter.Scope == meters)
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
            MarketPipelineMetrics.EventsFailed, MarketPipelineMetrics.EventsFiltered, MarketPipelineMetrics.EventsProcessed,
            MarketPipelineMetrics.EventsPublished, MarketPipelineMetrics.LatencyMax, MarketPipelineMetrics.LatencyP50,
            MarketPipelineMetrics.LatencyP99, MarketPipelineMetrics.RingLag, MarketPipelineMetrics.RingOccupancy,
            MarketPipelineMetrics.Signals, MarketPipelineMetrics.SignalsDropped,
        ], names);
        await host.StopBounded();
    }

    private static IReadOnlyList<CollectedMeasurement<T>> Observe<T>(MetricCollector<T> collector)
        where T : struct
    {
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot(clear: true);
    }

    private static List<(string, long)> ByTag(MetricCollector<long> collector, string tag) =>
        [.. Observe(collector).Select(m => ((string)m.Tags[tag]!, m.Value))];
}
