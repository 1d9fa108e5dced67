using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Market;

/// <summary>
/// Writes every signal as a CSV row (<see cref="Header"/>) through a reused UTF-8 buffer: no allocation per signal,
/// and byte-identical output for the same input. Reasons are written with the strategy's names for them.
/// </summary>
public sealed class CsvSignalWriter(Stream stream, SymbolTable symbols, StrategyReasons reasons)
    : CsvRowWriter(stream, symbols, reasons, Header), ISignalSink
{
    public const string Header = "sequence,timestamp_ns,symbol,side,type,quantity,price,reason";

    public void OnSignal(in Signal signal)
    {
        BeginRow(signal.Symbol, signal.Reason);
        Field(signal.Sequence);
        Field(signal.TimestampNs);
        Field(signal.Symbol);
        Field(signal.Side);
        Field(signal.Type == OrderType.Limit ? "limit"u8 : "market"u8);
        Field(signal.Quantity);
        Field(signal.Price);
        ReasonField(signal.Reason);
        EndRow();
    }
}
