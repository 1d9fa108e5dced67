using LowLatency.Market.Strategies;

namespace LowLatency.Market;

/// <summary>
/// Writes every fill as a CSV row (<see cref="Header"/>) through a reused UTF-8 buffer: no allocation per fill, and
/// byte-identical output for the same input. <c>fee</c> is the fill's fee; <c>realized_pnl_after</c> the symbol's exact
/// realized PnL after the fill, before fees; <c>signal_sequence</c> names the signal's row in the signals file.
/// </summary>
public sealed class CsvFillWriter(Stream stream, SymbolTable symbols, StrategyReasons reasons)
    : CsvRowWriter(stream, symbols, reasons, Header), ISignalSink
{
    public const string Header = "sequence,timestamp_ns,time,symbol,side,quantity,price,fee,position_after,realized_pnl_after,signal_sequence,reason";

    public void OnSignal(in Signal signal)
    {
    }

    public void OnFill(in Fill fill)
    {
        BeginRow(fill.Symbol, fill.Reason);
        Field(fill.Sequence);
        Field(fill.TimestampNs);
        TimeField(fill.TimestampNs);
        Field(fill.Symbol);
        Field(fill.Side);
        Field(fill.Quantity);
        Field(fill.Price);
        Field(fill.Fee);
        Field(fill.PositionAfter);
        Field(fill.RealizedPnlAfter);
        Field(fill.SignalSequence);
        ReasonField(fill.Reason);
        EndRow();
    }
}
