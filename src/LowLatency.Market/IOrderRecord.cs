namespace LowLatency.Market;

/// <summary>What <see cref="RecordLog{T}"/> counts a record by: its symbol and side.</summary>
public interface IOrderRecord
{
    SymbolId Symbol { get; }

    SignalSide Side { get; }
}
