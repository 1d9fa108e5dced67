using LowLatency.Market.Strategies;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Strategies;

public sealed class OrderSizingTests
{
    [Theory]
    [InlineData("10000", "167.42", "59")]           // 59.72…
    [InlineData("10000", "61707", "0.16")]          // 0.162…
    [InlineData("10000", "1.386", "7200")]          // 7 215.0…
    [InlineData("10000", "100", "100")]             // exactly 100: two digits kept
    [InlineData("10000", "99.99", "100")]           // 100.01: 100
    [InlineData("1", "3", "0.33")]
    [InlineData("0.00000001", "1000", "0")]         // below 10^-8 units
    [InlineData("10000", "0", "0")]
    [InlineData("0", "10", "0")]
    [InlineData("-5", "10", "0")]
    public void ForNotional_AnyInstrument_TwoSignificantDigitsRoundedDown(string notional, string price, string expected)
    {
        Assert.Equal(FixedPoint.Parse(expected), OrderSizing.ForNotional(FixedPoint.Parse(notional), FixedPoint.Parse(price)));
    }

    [Fact]
    public void ForNotional_MoreUnitsThanALongHolds_Saturates()
    {
        Assert.Equal(FixedPoint.MaxValue, OrderSizing.ForNotional(P(1_000_000_000m), P(0.00000001m)));
    }
}
