namespace LowLatency.Market.Handlers;

/// <summary>An interval index and where it starts (index × width), remembered so a timestamp in the same interval is
/// placed with a subtraction and a compare instead of a 64-bit division.</summary>
internal readonly record struct IntervalCache(long Index, long StartNs)
{
    public bool Valid { get; } = true;
}
