using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowLatency.Engine.Internal;

namespace LowLatency.Engine;

/// <summary>
/// A progress counter (the cursor, or how far a handler got) alone on its cache lines, so a producer writing one
/// and a consumer reading another never invalidate each other's line.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = CacheLine.Pad * 2 + sizeof(long))]
public sealed class Sequence
{
    /// <summary>Value of a sequence before anything was published or processed.</summary>
    public const long InitialValue = -1;

    [FieldOffset(CacheLine.Pad)]
    private long _value;

    // The runtime ignores StructLayout.Size on classes, so the padding after the value must be a real field.
#pragma warning disable CS0169, IDE0051 // never read: it only reserves the cache lines after _value
    [FieldOffset(CacheLine.Pad * 2)]
    private long _paddingAfterValue;
#pragma warning restore CS0169, IDE0051

    public Sequence(long initialValue = InitialValue) => _value = initialValue;

    /// <summary>Acquire read: slot contents read after this see the writes made before the matching release.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _value);
    }

    /// <summary>Release write: every slot write made before it is visible to a thread that reads the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetRelease(long value) => Volatile.Write(ref _value, value);

    /// <summary>Atomically adds <paramref name="increment"/> (full fence) and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long increment) => Interlocked.Add(ref _value, increment);

    /// <summary>Atomically sets the value if it still equals <paramref name="expected"/> (full fence).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expected, long value) =>
        Interlocked.CompareExchange(ref _value, value, expected) == expected;

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="whenEmpty"/> if there are none.</summary>
    public static long Minimum(Sequence[] sequences, long whenEmpty)
    {
        long min = long.MaxValue;
        foreach (Sequence s in sequences)
        {
            long v = s.Value;
            if (v < min)
            {
                min = v;
            }
        }

        return sequences.Length == 0 ? whenEmpty : min;
    }

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
