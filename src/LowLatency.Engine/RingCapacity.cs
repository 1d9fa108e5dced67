using System.Numerics;

namespace LowLatency.Engine;

/// <summary>
/// The one rule for the size of a ring, and of any queue indexed the same way (<c>sequence &amp; (size - 1)</c>): a
/// power of two, from <see cref="Min"/> to <see cref="Max"/>. Callers word their own message; the predicate is this one.
/// </summary>
public static class RingCapacity
{
    /// <summary>Smallest ring: one slot being written while another is read.</summary>
    public const int Min = 2;

    /// <summary>Largest ring: slots are indexed by <see cref="int"/>.</summary>
    public const int Max = 1 << 30;

    /// <summary>True when <paramref name="size"/> is a power of two from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public static bool IsValid(long size) => IsValid(size, Max);

    /// <summary>True when <paramref name="size"/> is a power of two from <see cref="Min"/> to <paramref name="max"/>
    /// (a caller's tighter bound; never above <see cref="Max"/>).</summary>
    public static bool IsValid(long size, long max) => size >= Min && size <= Math.Min(max, Max) && BitOperations.IsPow2(size);
}
