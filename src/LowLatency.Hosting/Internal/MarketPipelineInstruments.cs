using System.Diagnostics.Metrics;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Trading;
using M = LowLatency.Hosting.MarketPipelineMetrics;

namespace LowLatency.Hosting.Internal;

/// <summary>
/// Creates the observable instruments named in <see cref="MarketPipelineMetrics"/>. Callbacks run on the collecting
/// listener's thread and read counters the stage threads write plainly (aligned longs: never torn, at most a batch
/// old); the tag arrays are built once here.
/// </summary>
internal static class MarketPipelineInstruments
{
    public static void Create(Meter meter, MarketPipeline pipeline, SignalHub signals)
    {
        RingBuffer<MarketEvent> ring = pipeline.RingBuffer;
        IReadOnlyList<IEventProcessor> stages = pipeline.Stages;
        KeyValuePair<string, object?>[] stageTags = [.. stages.Select(s => new KeyValuePair<string, object?>(M.StageTag, s.Name))];
        FilterReason[] reasons = [.. Enum.GetValues<FilterReason>().Where(r => r != FilterReason.None)];
        KeyValuePair<string, object?>[] reasonTags = [.. reasons.Select(r => new KeyValuePair<string, object?>(M.ReasonTag, r.ToString()))];
        IntentResult[] intentResults = [.. Enum.GetValues<IntentResult>().Where(r => r != IntentResult.Accepted)];
        KeyValuePair<string, object?>[] intentTags = [.. intentResults.Select(r => new KeyValuePair<string, object?>(M.ReasonTag, r.ToString()))];
        var buy = new KeyValuePair<string, object?>(M.SideTag, nameof(SignalSide.Buy));
        var sell = new KeyValuePair<string, object?>(M.SideTag, nameof(SignalSide.Sell));

        meter.CreateObservableCounter(M.EventsPublished, () => ring.Sequencer.HighestClaimed + 1, "{event}",
            "Events claimed by producers");
        meter.CreateObservableCounter(M.EventsProcessed, () => PerTag(stages, stageTags, static s => s.ProcessedCount), "{event}",
            "Events each stage finished, failed ones included");
        meter.CreateObservableCounter(M.EventsFailed, () => PerTag(stages, stageTags, static s => s.FailureCount), "{event}",
            "Events whose stage handler threw");
        meter.CreateObservableCounter(M.EventsFiltered, () => PerTag(reasons, reasonTags, pipeline.Filter.GetCount), "{event}",
            "Events the filter rejected, by reason");
        meter.CreateObservableCounter(M.Signals, () =>
        {
            SignalLog log = pipeline.Trading.Signals;
            return (Measurement<long>[])[new(log.BuyCount, buy), new(log.SellCount, sell)];
        }, "{signal}", "Orders the engine accepted from the strategy, by side");
        meter.CreateObservableCounter(M.Fills, () =>
        {
            FillLog log = pipeline.Trading.Fills;
            return (Measurement<long>[])[new(log.BuyCount, buy), new(log.SellCount, sell)];
        }, "{fill}", "Simulated executions of accepted orders, by side");
        meter.CreateObservableCounter(M.IntentsSuppressed, () => PerTag(intentResults, intentTags, pipeline.Trading.GetSuppressedCount),
            "{intent}", "Strategy intents the risk limits suppressed, by reason");
        meter.CreateObservableCounter(M.SignalsDropped, () => signals.Dropped, "{signal}",
            "Signals not delivered to subscribers because their queue was full");
        meter.CreateObservableGauge(M.RingLag, () => pipeline.Lag, "{event}",
            "Events claimed but not yet through the last stage");
        meter.CreateObservableGauge(M.RingOccupancy, () => (double)pipeline.Lag / ring.BufferSize, "1",
            "Lag as a fraction of the ring size");

        if (pipeline.Latency is { } latency)
        {
            // The recorder swaps histograms under the strategy thread's feet, so these reads never walk live counts.
            meter.CreateObservableGauge(M.LatencyP50, () => latency.GetValueAtPercentile(50), "ns", "Median ingest-to-strategy latency since start");
            meter.CreateObservableGauge(M.LatencyP99, () => latency.GetValueAtPercentile(99), "ns", "99th percentile ingest-to-strategy latency since start");
            meter.CreateObservableGauge(M.LatencyMax, latency.GetMaxValue, "ns", "Largest ingest-to-strategy latency since start");
        }
    }

    /// <summary>One measurement per item, each with its tag: stages, filter reasons, intent results.</summary>
    private static Measurement<long>[] PerTag<T>(IReadOnlyList<T> items, KeyValuePair<string, object?>[] tags, Func<T, long> read)
    {
        var measurements = new Measurement<long>[items.Count];
        for (int i = 0; i < measurements.Length; i++)
        {
            measurements[i] = new Measurement<long>(read(items[i]), tags[i]);
        }

        return measurements;
    }
}
