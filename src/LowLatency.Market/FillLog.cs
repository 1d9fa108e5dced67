namespace LowLatency.Market;

/// <summary>The simulated executions of accepted orders: the first <see cref="RecordLog{T}.Capacity"/> kept by value,
/// all counted per symbol and side, nothing allocated per fill.</summary>
public sealed class FillLog(int capacity, int symbolCapacity) : RecordLog<Fill>(capacity, symbolCapacity)
{
    /// <summary>The stored fills, oldest first.</summary>
    public ReadOnlySpan<Fill> Fills => Records;
}
