using System.Globalization;
using HdrHistogram;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Trading;

namespace LowLatency.Cli.Commands;

/// <summary>What every command prints about a finished pipeline: its stage threads, stage counts, filter reasons, orders and fills,
/// suppressed intents by reason, positions and PnL per symbol, the first signals and fills.</summary>
internal static class PipelineSummaryWriter
{
    private const int FirstShown = 10;

    public static void Write(TextWriter o, MarketPipeline pipeline)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine("stages: " + pipeline.DescribeStageThreads());
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

        WriteTrading(o, pipeline);
    }

    /// <summary>The ingest -> strategy latency line, when the pipeline recorded latency.</summary>
    public static void WriteLatency(TextWriter o, MarketPipeline pipeline)
    {
        if (pipeline.Latency?.Snapshot() is { TotalCount: > 0 } latency)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"latency      ingest -> strategy: p50 {Format(latency, 50)}, p99 {Format(latency, 99)}, p99.9 {Format(latency, 99.9)}, max {FormatNs(latency.GetMaxValue())}"));
        }
    }

    public static string FormatTimestamp(long ns) =>
        DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteTrading(TextWriter o, MarketPipeline pipeline)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        TradingState trading = pipeline.Trading;
        SignalLog signals = trading.Signals;
        FillLog fills = trading.Fills;
        o.WriteLine();
        o.WriteLine(string.Create(inv,
            $"strategy     {pipeline.StrategyName}: saw {trading.TradeCount:N0} trades and {trading.QuoteCount:N0} quotes"));
        o.WriteLine(string.Create(inv,
            $"orders       signals {signals.TotalCount:N0} (buy {signals.BuyCount:N0}, sell {signals.SellCount:N0}), fills {fills.TotalCount:N0}, still open at the end {trading.OpenOrderCount:N0}, limit orders unfilled {trading.UnfilledCount:N0}"));
        o.WriteLine(string.Create(inv, $"suppressed   {trading.SuppressedCount:N0} by the risk limits{SuppressedReasons(trading)}"));

        o.WriteLine("symbol         signals        fills     position     avg cost         mark     realized PnL   unrealized PnL             fees          net PnL");
        SymbolTable symbols = pipeline.Symbols;
        for (int i = 0; i < symbols.Count; i++)
        {
            var id = new SymbolId(i);
            long symbolSignals = signals.GetCount(id, SignalSide.Buy) + signals.GetCount(id, SignalSide.Sell);
            long symbolFills = fills.GetCount(id, SignalSide.Buy) + fills.GetCount(id, SignalSide.Sell);
            o.WriteLine(string.Create(inv,
                $"{symbols.GetName(id),-10} {symbolSignals,12:N0} {symbolFills,12:N0} {trading.GetPosition(id),12} {trading.GetAverageCost(id),12} {trading.GetMarkPrice(id),12} {trading.GetRealizedPnl(id),16:N2} {trading.GetUnrealizedPnl(id),16:N2} {trading.GetFees(id),16:N2} {trading.GetTotalPnl(id),16:N2}"));
        }

        o.WriteLine(string.Create(inv,
            $"{"total",-10} {signals.TotalCount,12:N0} {fills.TotalCount,12:N0} {"",12} {"",12} {"",12} {trading.TotalRealizedPnl,16:N2} {trading.TotalUnrealizedPnl,16:N2} {trading.TotalFees,16:N2} {trading.TotalPnl,16:N2}"));

        int shown = Math.Min(FirstShown, signals.Count);
        if (shown > 0)
        {
            o.WriteLine();
            o.WriteLine(string.Create(inv, $"first {shown} of {signals.TotalCount:N0} signals"));
            for (int i = 0; i < shown; i++)
            {
                ref readonly Signal s = ref signals[i];
                o.WriteLine(string.Create(inv,
                    $"  #{s.Sequence,-9} {FormatTimestamp(s.TimestampNs)}  {symbols.GetName(s.Symbol),-8} {Side(s.Side)} {s.Quantity} {(s.Type == OrderType.Limit ? "limit" : "market")} @ {s.Price}  {pipeline.Reasons[s.Reason]}"));
            }
        }

        shown = Math.Min(FirstShown, fills.Count);
        if (shown > 0)
        {
            o.WriteLine();
            o.WriteLine(string.Create(inv, $"first {shown} of {fills.TotalCount:N0} fills"));
            for (int i = 0; i < shown; i++)
            {
                ref readonly Fill f = ref fills[i];
                o.WriteLine(string.Create(inv,
                    $"  #{f.Sequence,-9} {FormatTimestamp(f.TimestampNs)}  {symbols.GetName(f.Symbol),-8} {Side(f.Side)} {f.Quantity} @ {f.Price}  position {f.PositionAfter}, realized {f.RealizedPnlAfter:N2}  (signal #{f.SignalSequence})"));
            }
        }
    }

    private static string SuppressedReasons(TradingState trading)
    {
        string[] parts = [.. Enum.GetValues<IntentResult>()
            .Where(r => trading.GetSuppressedCount(r) > 0)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r} {trading.GetSuppressedCount(r):N0}"))];
        return parts.Length == 0 ? "" : ": " + string.Join(", ", parts);
    }

    private static string Side(SignalSide side) => side == SignalSide.Buy ? "buy " : "sell";

    private static string Format(HistogramBase histogram, double percentile) => FormatNs(histogram.GetValueAtPercentile(percentile));

    private static string FormatNs(long ns) => ns switch
    {
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{ns} ns"),
        < 10_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:F1} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F1} ms"),
    };
}
