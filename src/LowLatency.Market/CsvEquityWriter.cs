using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Market;

/// <summary>
/// Writes the equity curve as CSV (<see cref="Header"/>): a row after every fill and every equity interval, money exact
/// in its shortest form. <c>equity</c> = <c>realized_pnl</c> − <c>fees</c> + <c>unrealized_pnl</c>; <c>drawdown</c> =
/// the highest equity in the rows so far (and 0) minus this one. No allocation per row.
/// </summary>
public sealed class CsvEquityWriter(Stream stream, SymbolTable symbols, StrategyReasons reasons)
    : CsvRowWriter(stream, symbols, reasons, Header), ISignalSink
{
    public const string Header = "timestamp_ns,time,cause,realized_pnl,fees,unrealized_pnl,equity,drawdown";

    public void OnSignal(in Signal signal)
    {
    }

    public void OnEquity(in EquityPoint point)
    {
        BeginRow();
        Field(point.TimestampNs);
        TimeField(point.TimestampNs);
        Field(point.Cause switch
        {
            EquityCause.Start => "start"u8,
            EquityCause.Fill => "fill"u8,
            _ => "interval"u8,
        });
        Field(point.Realized);
        Field(point.Fees);
        Field(point.Unrealized);
        Field(point.Equity);
        Field(point.Drawdown);
        EndRow();
    }
}
