namespace LowLatency.Benchmarks.Macro;

/// <summary>Sizes shared by every contender, so they all buffer the same number of events.</summary>
internal static class MacroSizes
{
    /// <summary>Ring size for ours, bounded capacity for every rival queue (64 Ki events = 4 MiB of 64-byte events).</summary>
    public const int Capacity = 1 << 16;
}
