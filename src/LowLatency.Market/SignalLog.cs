namespace LowLatency.Market;

/// <summary>The orders the engine accepted from the strategy: the first <see cref="RecordLog{T}.Capacity"/> kept by
/// value, all counted per symbol and side, nothing allocated per signal.</summary>
public sealed class SignalLog(int capacity, int symbolCapacity) : RecordLog<Signal>(capacity, symbolCapacity)
{
    /// <summary>The stored signals, oldest first.</summary>
    public ReadOnlySpan<Signal> Signals => Records;
}
