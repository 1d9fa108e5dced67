using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowLatency.Engine.Internal;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

/// <summary>Hot counters and the ring's ends must not share cache lines with anything else (false sharing).</summary>
public sealed class ObjectLayoutTests
{
    private const long Pattern = 0x0123_4567_89AB_CDEF;

    [Fact]
    public void Sequence_Size_AtLeastTwoCacheLinesPlusValue()
    {
        long fieldBytes = ObjectLayout.InstanceFieldBytes(() => new Sequence());

        Assert.True(fieldBytes >= 2 * CacheLine.Size + sizeof(long), $"Sequence holds {fieldBytes} bytes of fields");
    }

    [Fact]
    public void Sequence_Value_PaddedAfter()
    {
        long fieldBytes = ObjectLayout.InstanceFieldBytes(() => new Sequence());

        int offset = ObjectLayout.OffsetOfPattern(new Sequence(Pattern), Pattern, fieldBytes);

        Assert.True(fieldBytes - (offset + sizeof(long)) >= CacheLine.Pad, $"value at {offset} of {fieldBytes} bytes");
    }

    [Fact]
    public void Sequence_Value_PaddedBefore()
    {
        long fieldBytes = ObjectLayout.InstanceFieldBytes(() => new Sequence());

        int offset = ObjectLayout.OffsetOfPattern(new Sequence(Pattern), Pattern, fieldBytes);

        // 120 bytes of fields before the value plus the 8-byte method table pointer: 128 bytes, two lines.
        Assert.Equal(CacheLine.Pad, offset);
        Assert.Equal(2 * CacheLine.Size, CacheLine.Pad + sizeof(long));
    }

    [Fact]
    public void RingBuffer_Slots_PaddedByTwoCacheLinesOnBothEnds()
    {
        AssertPadded(RingBuffer<TestEvent>.CreateSingleProducer(8));
        AssertPadded(RingBuffer<long>.CreateSingleProducer(8));
        AssertPadded(RingBuffer<CacheLineEvent>.CreateMultiProducer(1024));
    }

    [Fact]
    public unsafe void RingBuffer_CacheLineSizedEvents_EachSlotStartsALine()
    {
        for (int i = 0; i < 20; i++) // several arrays, so a lucky heap address cannot pass the test
        {
            var ring = RingBuffer<CacheLineEvent>.CreateSingleProducer(16);
            for (long s = 0; s < 16; s++)
            {
                Assert.Equal(0, (nint)Unsafe.AsPointer(ref ring[s]) % CacheLine.Size);
            }
        }
    }

    private static void AssertPadded<T>(RingBuffer<T> ring)
        where T : unmanaged
    {
        ref T data = ref MemoryMarshal.GetArrayDataReference(ring.Entries);
        long before = (long)Unsafe.ByteOffset(ref data, ref ring[0]);
        long after = ring.Entries.Length * (long)Unsafe.SizeOf<T>()
            - (long)Unsafe.ByteOffset(ref data, ref ring[ring.BufferSize - 1]) - Unsafe.SizeOf<T>();

        Assert.True(before >= 2 * CacheLine.Size, $"{before} bytes before slot 0");
        Assert.True(after >= 2 * CacheLine.Size, $"{after} bytes after the last slot");
        Assert.True(Unsafe.AreSame(ref ring[ring.BufferSize], ref ring[0])); // wraps onto slot 0
    }

    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct CacheLineEvent
    {
        public long Value;
    }

    [Fact]
    public void TestEvent_Size_FitsOneCacheLine()
    {
        Assert.True(Unsafe.SizeOf<TestEvent>() <= CacheLine.Size);
    }
}
