using LowLatency.Market;

namespace LowLatency.StrategySample;

/// <summary>Settings of <see cref="MomentumStrategy"/>.</summary>
public readonly record struct MomentumOptions
{
    public long LookbackNs { get; init; }

    public int EntryBps { get; init; }

    public int ExitBps { get; init; }

    public int MaxSpreadBps { get; init; }

    public FixedPoint OrderNotional { get; init; }
}
