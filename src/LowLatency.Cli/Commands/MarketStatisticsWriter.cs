using System.Globalization;
using LowLatency.Market;

namespace LowLatency.Cli.Commands;

/// <summary>What the market did, per symbol, as the aggregator saw the accepted events: trades, quotes, volume, VWAP,
/// the run's open/high/low/close, first and last event (UTC) and the events the filter rejected.</summary>
internal static class MarketStatisticsWriter
{
    public static void Write(TextWriter o, MarketPipeline pipeline)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        SymbolTable symbols = pipeline.Symbols;
        o.WriteLine();
        o.WriteLine("market       accepted events per symbol; times are UTC");
        o.WriteLine("symbol         trades       quotes           volume           vwap           open           high            low          close  first event                   last event                        filtered");
        for (int i = 0; i < symbols.Count; i++)
        {
            var id = new SymbolId(i);
            long trades = pipeline.Aggregator.GetTradeCount(id);
            long quotes = pipeline.Aggregator.GetQuoteCount(id);
            bool traded = pipeline.Aggregator.TryGetSessionBar(id, out OhlcvBar bar);
            bool seen = pipeline.Aggregator.TryGetSpan(id, out long firstNs, out long lastNs);
            string prices = traded
                ? string.Create(inv, $"{pipeline.Aggregator.GetVwap(id),14} {bar.Open,14} {bar.High,14} {bar.Low,14} {bar.Close,14}")
                : string.Create(inv, $"{"-",14} {"-",14} {"-",14} {"-",14} {"-",14}");
            string span = seen
                ? $"{PipelineSummaryWriter.FormatTimestamp(firstNs),-29} {PipelineSummaryWriter.FormatTimestamp(lastNs),-29}"
                : $"{"-",-29} {"-",-29}";
            o.WriteLine(string.Create(inv,
                $"{symbols.GetName(id),-10} {trades,10:N0} {quotes,12:N0} {pipeline.Aggregator.GetCumulativeVolume(id),16:#,0.########} {prices}  {span} {pipeline.Filter.GetFilteredCount(id),12:N0}"));
        }
    }
}
