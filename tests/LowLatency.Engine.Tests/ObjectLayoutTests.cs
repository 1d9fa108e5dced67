using System.Runtime.CompilerServices;
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
    public void RingBuffer_Entries_PaddedByTwoCacheLinesOnBothEnds()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8);

        Assert.True(ring.PadSlots * Unsafe.SizeOf<TestEvent>() >= 2 * CacheLine.Size);
        Assert.Equal(ring.BufferSize + 2 * ring.PadSlots, ring.Entries.Length);
        Assert.True(Unsafe.AreSame(ref ring[0], ref ring.Entries[ring.PadSlots]));
        Assert.True(Unsafe.AreSame(ref ring[ring.BufferSize - 1], ref ring.Entries[ring.PadSlots + ring.BufferSize - 1]));
    }

    [Fact]
    public void RingBuffer_PadSlots_CoverTwoCacheLinesForSmallEvents()
    {
        var ring = RingBuffer<long>.CreateSingleProducer(8);

        Assert.Equal(2 * CacheLine.Size / sizeof(long), ring.PadSlots);
    }

    [Fact]
    public void TestEvent_Size_FitsOneCacheLine()
    {
        Assert.True(Unsafe.SizeOf<TestEvent>() <= CacheLine.Size);
    }
}
