using System.Runtime.CompilerServices;

namespace LowLatency.Engine.Tests.Support;

/// <summary>Measures the managed layout of reference types, which <c>Unsafe.SizeOf</c> cannot (it returns the reference size).</summary>
internal static class ObjectLayout
{
    // Object header (sync block index) + method table pointer, in front of the first field on 64-bit runtimes.
    private const int ObjectOverhead = 2 * sizeof(long);

    /// <summary>Bytes of fields (padding included) in one instance: measured by allocating many and dividing.</summary>
    public static long InstanceFieldBytes<T>(Func<T> factory)
        where T : class
    {
        const int Count = 1_000;
        var keep = new T[Count];
        keep[0] = factory(); // warm-up: JIT and statics allocate once
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Count; i++)
        {
            keep[i] = factory();
        }

        long perObject = (GC.GetAllocatedBytesForCurrentThread() - before) / Count;
        GC.KeepAlive(keep);
        return perObject - ObjectOverhead;
    }

    /// <summary>
    /// Offset from the first field byte of <paramref name="instance"/> to the first 8 bytes equal to
    /// <paramref name="pattern"/> (a value planted in the field being located), or -1.
    /// </summary>
    public static int OffsetOfPattern(object instance, long pattern, long fieldBytes)
    {
        ref byte first = ref Unsafe.As<RawData>(instance).Data;
        for (int offset = 0; offset + sizeof(long) <= fieldBytes; offset++)
        {
            if (Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref first, offset)) == pattern)
            {
                return offset;
            }
        }

        return -1;
    }

    private sealed class RawData
    {
#pragma warning disable CS0649 // never assigned: only its address is used
        public byte Data;
#pragma warning restore CS0649
    }
}
