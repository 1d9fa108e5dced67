using LowLatency.Market.Generation;

namespace LowLatency.Market.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ns", 500L)]
    [InlineData("250us", 250_000L)]
    [InlineData("250µs", 250_000L)]
    [InlineData("1.5ms", 1_500_000L)]
    [InlineData(" 2MS ", 2_000_000L)]
    [InlineData("30s", 30_000_000_000L)]
    [InlineData("1.5m", 90_000_000_000L)]
    [InlineData("5m", 300_000_000_000L)]
    [InlineData("1h", 3_600_000_000_000L)]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("00:00:01.5", 1_500_000_000L)]
    [InlineData("1.02:00:00", 93_600_000_000_000L)]
    [InlineData("9223372036854775807ns", long.MaxValue)]
    public void TryParseNs_Valid_WholeNanoseconds(string text, long expected)
    {
        Assert.True(DurationText.TryParseNs(text, out long ns));
        Assert.Equal(expected, ns);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("ms")]
    [InlineData("-1s")]
    [InlineData("1.5ns")]            // below a nanosecond
    [InlineData("5 m")]
    [InlineData("1.2.3s")]
    [InlineData("1e3ms")]
    [InlineData("-00:00:01")]
    [InlineData("9223372036854775808ns")]
    [InlineData("10675199.02:48:05")] // TimeSpan.MaxValue: too many nanoseconds for a long
    [InlineData("99999999999999999999999999h")] // past a long, and past decimal once multiplied
    public void TryParseNs_Invalid_False(string? text)
    {
        Assert.False(DurationText.TryParseNs(text, out long ns));
        Assert.Equal(0, ns);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1L, "1ns")]
    [InlineData(1_500L, "1500ns")]
    [InlineData(100_000L, "100us")]
    [InlineData(250_000_000L, "250ms")]
    [InlineData(1_500_000_000L, "1500ms")]
    [InlineData(90_000_000_000L, "90s")]
    [InlineData(300_000_000_000L, "5m")]
    [InlineData(7_200_000_000_000L, "2h")]
    [InlineData(long.MaxValue, "9223372036854775807ns")]
    public void Format_Nanoseconds_ShortestExactForm(long ns, string expected)
    {
        Assert.Equal(expected, DurationText.Format(ns));
    }

    [Fact]
    public void Format_ThenTryParseNs_RoundTrips()
    {
        var random = new Xoshiro256StarStar(7);
        long[] units = [1, 1_000, 1_000_000, 1_000_000_000, 60_000_000_000, 3_600_000_000_000];
        for (int i = 0; i < 10_000; i++)
        {
            long unit = units[i % units.Length];
            long ns = (long)(random.NextBounded(1_000_000) * (ulong)unit) + (i % 7 == 0 ? 1 : 0);

            Assert.True(DurationText.TryParseNs(DurationText.Format(ns), out long parsed), DurationText.Format(ns));
            Assert.Equal(ns, parsed);
        }
    }
}
