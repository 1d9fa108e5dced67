using System.Globalization;
using HdrHistogram;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Handlers;

namespace LowLatency.Cli.Commands;

/// <summary>What every command prints about a finished pipeline: stage counts, filter reasons, signals, PnL.</summary>
internal static class PipelineSummaryWriter
{
    private const int FirstSignalsShown = 5;

    public static void Write(TextWriter o, MarketPipeline pipeline)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine("stage        processed     failures");
        foreach (IEventProcessor stage in pipeline.Stages)
        {
            o.WriteLine(string.Create(inv, $"{stage.Name,-12} {stage.ProcessedCount,12:N0} {stage.FailureCount,12:N0}"));
        }

        o.WriteLine();
        o.WriteLine(string.Create(inv, $"filter       accepted {pipeline.Filter.AcceptedCount:N0}, filtered {pipeline.Filter.FilteredCount:N0}"));
        foreach (FilterReason reason in Enum.GetValues<FilterReason>())
        {
            long count = pipeline.Filter.GetCount(reason);
            if (reason != FilterReason.None && count > 0)
            {
                o.WriteLine(string.Create(inv, $"  {reason,-22} {count,12:N0}"));
            }
        }

        SignalLog signals = pipeline.Strategy.Signals;
        o.WriteLine();
        o.WriteLine(string.Create(inv, $"signals      {signals.TotalCount:N0} (buy {signals.BuyCount:N0}, sell {signals.SellCount:N0}); suppressed by position limit {pipeline.Strategy.SuppressedCount:N0}"));
        o.WriteLine("symbol         buys        sells     position     realized PnL   unrealized PnL        total PnL");
        SymbolTable symbols = pipeline.Symbols;
        for (int i = 0; i < symbols.Count; i++)
        {
            var id = new SymbolId(i);
            StrategyState s = pipeline.Strategy;
            o.WriteLine(string.Create(inv,
                $"{symbols.GetName(id),-10} {signals.GetCount(id, SignalSide.Buy),8:N0} {signals.GetCount(id, SignalSide.Sell),12:N0} {s.GetPosition(id),12} {s.GetRealizedPnl(id),16:N2} {s.GetUnrealizedPnl(id),16:N2} {s.GetTotalPnl(id),16:N2}"));
        }

        o.WriteLine(string.Create(inv, $"{"total",-10} {"",8} {"",12} {"",12} {pipeline.Strategy.TotalRealizedPnl,16:N2} {pipeline.Strategy.TotalUnrealizedPnl,16:N2} {pipeline.Strategy.TotalPnl,16:N2}"));

        int shown = Math.Min(FirstSignalsShown, signals.Count);
        if (shown > 0)
        {
            o.WriteLine();
            o.WriteLine($"first {shown} signals");
            for (int i = 0; i < shown; i++)
            {
                ref readonly Signal sig = ref signals[i];
                o.WriteLine(string.Create(inv,
                    $"  #{sig.Sequence,-10} {symbols.GetName(sig.Symbol),-6} {sig.Side,-4} {sig.Quantity} @ {sig.Price}  {FormatTimestamp(sig.TimestampNs)}  ({sig.Reason})"));
            }
        }
    }

    /// <summary>The ingest -> strategy latency line, when the pipeline recorded latency.</summary>
    public static void WriteLatency(TextWriter o, MarketPipeline pipeline)
    {
        if (pipeline.Latency is { TotalCount: > 0 } latency)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"latency      ingest -> strategy: p50 {Format(latency, 50)}, p99 {Format(latency, 99)}, p99.9 {Format(latency, 99.9)}, max {FormatNs(latency.GetMaxValue())}"));
        }
    }

    public static string FormatTimestamp(long ns) =>
        DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Format(HistogramBase histogram, double percentile) => FormatNs(histogram.GetValueAtPercentile(percentile));

    private static string FormatNs(long ns) => ns switch
    {
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{ns} ns"),
        < 10_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:F1} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F1} ms"),
    };
}
