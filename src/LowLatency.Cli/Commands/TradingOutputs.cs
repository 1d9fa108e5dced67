using LowLatency.Market;

namespace LowLatency.Cli.Commands;

/// <summary>The signal and fill CSV files of one run (either may be absent).</summary>
internal sealed class TradingOutputs(CsvSignalWriter? signals, CsvFillWriter? fills) : IDisposable
{
    public CsvSignalWriter? Signals => signals;

    public CsvFillWriter? Fills => fills;

    public void Flush()
    {
        signals?.Flush();
        fills?.Flush();
    }

    public void Dispose()
    {
        signals?.Dispose();
        fills?.Dispose();
    }
}
