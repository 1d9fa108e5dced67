namespace LowLatency.Engine.Internal;

/// <summary>Padding sizes that keep hot counters alone on their cache lines.</summary>
internal static class CacheLine
{
    /// <summary>One cache line on x64 and arm64.</summary>
    public const int Size = 64;

    /// <summary>
    /// Bytes of padding on each side of a hot field: two lines minus the field, so the adjacent-line prefetcher
    /// never pulls a neighbour's counter into the same pair of lines.
    /// </summary>
    public const int Pad = Size * 2 - sizeof(long);
}
