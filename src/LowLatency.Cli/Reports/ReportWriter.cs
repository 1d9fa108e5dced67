using System.Globalization;
using System.Text.Json;
using LowLatency.Cli.Commands;
using LowLatency.Market;
using LowLatency.Market.Trading;

namespace LowLatency.Cli.Reports;

/// <summary>
/// Finishes a <c>--report</c> folder once the run has stopped (fills.csv and equity.csv were written during it):
/// summary.json with every figure the console printed, and equity.png drawn from equity.csv. Money is written as exact
/// JSON numbers.
/// </summary>
internal static class ReportWriter
{
    public static void Write(string directory, MarketPipeline pipeline, ReportContext context)
    {
        string summary = Path.Combine(directory, OutputPaths.ReportSummary);
        using (var stream = new FileStream(summary, FileMode.Create, FileAccess.Write))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteSummary(json, pipeline, context);
        }

        EquityPlot.Save(Path.Combine(directory, OutputPaths.ReportEquity), Path.Combine(directory, OutputPaths.ReportPlot),
            $"{pipeline.StrategyName}: equity and drawdown{(context.StoppedBy is null ? "" : " (interrupted)")}");
    }

    private static void WriteSummary(Utf8JsonWriter json, MarketPipeline pipeline, ReportContext context)
    {
        TradingState trading = pipeline.Trading;
        PerformanceSummary p = trading.GetPerformance();
        json.WriteStartObject();
        json.WriteString("command", context.Command);
        json.WriteString("strategy", pipeline.StrategyName);
        json.WriteString("strategyWithParameters", context.Strategy);
        json.WriteStartArray("inputs");
        foreach (string input in context.Inputs)
        {
            json.WriteStringValue(input);
        }

        json.WriteEndArray();
        json.WriteBoolean("complete", context.StoppedBy is null && context.Complete);
        if (context.StoppedBy is { } signal)
        {
            json.WriteString("interruptedBy", signal);
        }

        json.WriteString("timeZone", "UTC");
        WriteTime(json, "firstEvent", p.FirstTimestampNs);
        WriteTime(json, "lastEvent", p.LastTimestampNs);
        json.WriteNumber("eventsPublished", pipeline.RingBuffer.Sequencer.HighestClaimed + 1);
        json.WriteNumber("eventsAccepted", pipeline.Filter.AcceptedCount);
        json.WriteStartObject("eventsFiltered");
        foreach (FilterReason reason in Enum.GetValues<FilterReason>())
        {
            if (reason != FilterReason.None && pipeline.Filter.GetCount(reason) > 0)
            {
                json.WriteNumber(reason.ToString(), pipeline.Filter.GetCount(reason));
            }
        }

        json.WriteEndObject();

        json.WriteStartObject("settings");
        TradingOptions options = trading.Options;
        json.WriteNumber("startingCapital", options.StartingCapital.ToDecimal());
        json.WriteNumber("feeBps", options.FeeBps.ToDecimal());
        json.WriteNumber("feePerUnit", options.FeePerUnit.ToDecimal());
        json.WriteNumber("slippageBps", options.SlippageBps.ToDecimal());
        json.WriteNumber("fillLatencyNs", options.FillLatencyNs);
        json.WriteNumber("equityIntervalNs", options.EquityIntervalNs);
        json.WriteEndObject();

        json.WriteStartObject("statistics");
        json.WriteNumber("netPnl", p.NetPnl);
        json.WriteNumber("grossPnl", p.GrossPnl);
        json.WriteNumber("fees", p.Fees);
        json.WriteNumber("realizedPnl", p.RealizedPnl);
        json.WriteNumber("unrealizedPnl", p.UnrealizedPnl);
        json.WriteNumber("maxDrawdown", p.MaxDrawdown);
        json.WriteNumber("maxDrawdownPercent", Math.Round(p.MaxDrawdownPercent, 6));
        if (p.Sharpe is { } sharpe)
        {
            json.WriteNumber("sharpe", Math.Round(sharpe, 6));
        }
        else
        {
            json.WriteNull("sharpe");
        }

        json.WriteString("sharpeDefinition", $"mean / sample standard deviation of {p.Returns} equity returns, one per {DurationText.Format(options.EquityIntervalNs)} of exchange time, each against capital + equity at its start, × √(intervals in 365.25 days); risk-free rate 0");
        json.WriteNumber("roundTrips", p.RoundTrips);
        json.WriteNumber("winningRoundTrips", p.WinningRoundTrips);
        json.WriteNumber("winRate", Math.Round(p.WinRate, 6));
        json.WriteNumber("turnover", p.Turnover);
        json.WriteNumber("averageHoldingSeconds", Math.Round(p.AverageHolding.TotalSeconds, 6));
        json.WriteNumber("timeInMarket", Math.Round(p.TimeInMarket, 6));
        json.WriteEndObject();

        json.WriteStartObject("orders");
        json.WriteNumber("signals", trading.Signals.TotalCount);
        json.WriteNumber("fills", trading.Fills.TotalCount);
        json.WriteNumber("openAtEnd", trading.OpenOrderCount);
        json.WriteNumber("limitOrdersUnfilled", trading.UnfilledCount);
        json.WriteStartObject("suppressed");
        foreach (IntentResult reason in Enum.GetValues<IntentResult>())
        {
            if (trading.GetSuppressedCount(reason) > 0)
            {
                json.WriteNumber(reason.ToString(), trading.GetSuppressedCount(reason));
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("symbols");
        SymbolTable symbols = pipeline.Symbols;
        for (int i = 0; i < symbols.Count; i++)
        {
            WriteSymbol(json, pipeline, new SymbolId(i));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSymbol(Utf8JsonWriter json, MarketPipeline pipeline, SymbolId id)
    {
        TradingState trading = pipeline.Trading;
        json.WriteStartObject();
        json.WriteString("symbol", pipeline.Symbols.GetName(id));
        json.WriteNumber("trades", pipeline.Aggregator.GetTradeCount(id));
        json.WriteNumber("quotes", pipeline.Aggregator.GetQuoteCount(id));
        json.WriteNumber("filtered", pipeline.Filter.GetFilteredCount(id));
        json.WriteNumber("volume", pipeline.Aggregator.GetCumulativeVolume(id));
        if (pipeline.Aggregator.TryGetSessionBar(id, out OhlcvBar bar))
        {
            json.WriteNumber("vwap", pipeline.Aggregator.GetVwap(id).ToDecimal());
            json.WriteNumber("open", bar.Open.ToDecimal());
            json.WriteNumber("high", bar.High.ToDecimal());
            json.WriteNumber("low", bar.Low.ToDecimal());
            json.WriteNumber("close", bar.Close.ToDecimal());
        }

        if (pipeline.Aggregator.TryGetSpan(id, out long first, out long last))
        {
            WriteTime(json, "firstEvent", first);
            WriteTime(json, "lastEvent", last);
        }

        json.WriteNumber("signals", trading.Signals.GetCount(id, SignalSide.Buy) + trading.Signals.GetCount(id, SignalSide.Sell));
        json.WriteNumber("fills", trading.Fills.GetCount(id, SignalSide.Buy) + trading.Fills.GetCount(id, SignalSide.Sell));
        json.WriteNumber("position", trading.GetPosition(id).ToDecimal());
        json.WriteNumber("averageCost", trading.GetAverageCost(id).ToDecimal());
        json.WriteNumber("mark", trading.GetMarkPrice(id).ToDecimal());
        json.WriteNumber("realizedPnl", trading.GetRealizedPnl(id));
        json.WriteNumber("unrealizedPnl", trading.GetUnrealizedPnl(id));
        json.WriteNumber("fees", trading.GetFees(id));
        json.WriteNumber("netPnl", trading.GetTotalPnl(id));
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, long ns)
    {
        if (ns == long.MinValue)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteString(name, DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
    }
}
