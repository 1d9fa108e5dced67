using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests;

public sealed class OhlcvBarTests
{
    [Fact]
    public void Volume_RawBeyondLong_ConvertsExactly()
    {
        Int128 raw = (Int128)450_000_000_000 * FixedPoint.Scale; // 4.5e19 raw units: more than long.MaxValue

        var bar = new OhlcvBar(60_000_000_000, P(1m), P(2m), P(0.5m), P(1.5m), raw, 450_000);

        Assert.True(raw > long.MaxValue);
        Assert.Equal(450_000_000_000m, bar.Volume);
    }
}
