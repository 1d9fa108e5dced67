using LowLatency.Market.Internal;

namespace LowLatency.Market.Tests.Internal;

public sealed class ScaledDecimalTests
{
    [Fact]
    public void ToDecimal_FitsIn96Bits_IsExact()
    {
        Assert.Equal(1.5m, ScaledDecimal.ToDecimal(150_000_000, 8));
        Assert.Equal(-0.0000000000000001m, ScaledDecimal.ToDecimal(-1, 16));
        Assert.Equal(79228162514264337593543950335m, ScaledDecimal.ToDecimal((Int128)decimal.MaxValue, 0));
    }

    [Fact]
    public void ToDecimal_WiderThan96Bits_DropsTrailingDigits()
    {
        Int128 raw = (Int128)225_000_000_000_000 * 10_000_000_000_000_000; // 2.25e14 at scale 16 = 2.25e30 raw

        Assert.Equal(225_000_000_000_000m, ScaledDecimal.ToDecimal(raw, 16));
        Assert.Equal(-225_000_000_000_000m, ScaledDecimal.ToDecimal(-raw, 16));
        Assert.Throws<OverflowException>(() => ScaledDecimal.ToDecimal(Int128.MaxValue, 0));
    }

    [Theory]
    [InlineData(10, 4, 3)]    // 2.5 -> 3
    [InlineData(9, 4, 2)]     // 2.25 -> 2
    [InlineData(11, 4, 3)]    // 2.75 -> 3
    [InlineData(-10, 4, -3)]  // -2.5 -> -3 (away from zero)
    [InlineData(7, 3, 2)]     // 2.33 -> 2
    [InlineData(8, 3, 3)]     // 2.67 -> 3
    [InlineData(0, 5, 0)]
    public void DivideRounded_Quotient_RoundsHalfAwayFromZero(long numerator, long denominator, long expected)
    {
        Assert.Equal((Int128)expected, ScaledDecimal.DivideRounded(numerator, denominator));
    }
}
