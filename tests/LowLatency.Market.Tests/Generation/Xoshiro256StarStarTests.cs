using LowLatency.Market.Generation;

namespace LowLatency.Market.Tests.Generation;

public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void NextUInt64_ReferenceState_MatchesReferenceImplementation()
    {
        // State {1, 2, 3, 4}: the C reference gives 11520, 0, 1509978240, 1215971899390074240.
        var random = new Xoshiro256StarStar(1, 2, 3, 4);

        Assert.Equal(11520UL, random.NextUInt64());
        Assert.Equal(0UL, random.NextUInt64());
        Assert.Equal(1509978240UL, random.NextUInt64());
        Assert.Equal(1215971899390074240UL, random.NextUInt64());
    }

    [Fact]
    public void SplitMix64_SeedZero_MatchesReferenceOutputs()
    {
        ulong state = 0;

        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, Xoshiro256StarStar.SplitMix64(ref state));
    }

    [Fact]
    public void NextBounded_SmallBound_StaysInRangeAndHitsEveryValue()
    {
        var random = new Xoshiro256StarStar(123);
        int[] hits = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            ulong value = random.NextBounded(7);
            Assert.True(value < 7);
            hits[value]++;
        }

        foreach (int count in hits)
        {
            Assert.InRange(count, 9_000, 11_000); // expected 10 000 each; ±10% is > 20 sigma
        }
    }

    [Fact]
    public void NextUInt64_SameSeed_SameSequence()
    {
        var a = new Xoshiro256StarStar(99);
        var b = new Xoshiro256StarStar(99);
        var c = new Xoshiro256StarStar(100);
        int differences = 0;
        for (int i = 0; i < 1_000; i++)
        {
            ulong x = a.NextUInt64();
            Assert.Equal(x, b.NextUInt64());
            differences += x != c.NextUInt64() ? 1 : 0;
        }

        Assert.Equal(1_000, differences);
    }
}
