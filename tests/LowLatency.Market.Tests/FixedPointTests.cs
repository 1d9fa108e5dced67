using System.Globalization;
using System.Text;
using LowLatency.Market.Generation;

namespace LowLatency.Market.Tests;

public sealed class FixedPointTests
{
    [Theory]
    [InlineData("168.9", 16_890_000_000L)]
    [InlineData("0.00012345", 12_345L)]
    [InlineData("-1.5", -150_000_000L)]
    [InlineData("+2.25", 225_000_000L)]
    [InlineData("100", 10_000_000_000L)]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData(".5", 50_000_000L)]
    [InlineData("5.", 500_000_000L)]
    [InlineData("00012.50", 1_250_000_000L)]
    [InlineData("1.23456789", 123_456_789L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    [InlineData("-92233720368.54775808", long.MinValue)]
    public void TryParse_PlainDecimal_ReturnsExactRaw(string text, long expectedRaw)
    {
        Assert.True(FixedPoint.TryParse(text.AsSpan(), out FixedPoint fromChars));
        Assert.True(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out FixedPoint fromUtf8));

        Assert.Equal(expectedRaw, fromChars.Raw);
        Assert.Equal(expectedRaw, fromUtf8.Raw);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("1.123456789")]      // 9 decimals
    [InlineData("0.000000010")]      // 9 decimals, even if the last is zero
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("+-1")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("١")]                // Arabic-Indic digit one
    [InlineData("92233720368.54775808")]   // long.MaxValue + 1 raw
    [InlineData("-92233720368.54775809")]  // long.MinValue - 1 raw
    [InlineData("92233720369")]
    [InlineData("99999999999999999999999999")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(FixedPoint.TryParse(text.AsSpan(), out FixedPoint fromChars));
        Assert.False(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out FixedPoint fromUtf8));
        Assert.Equal(default, fromChars);
        Assert.Equal(default, fromUtf8);
    }

    [Fact]
    public void Parse_InvalidText_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => FixedPoint.Parse("1.5x".AsSpan()));
        Assert.Throws<FormatException>(() => FixedPoint.Parse("1.5x"u8));
        Assert.Equal(150_000_000, FixedPoint.Parse("1.5"u8).Raw);
    }

    [Theory]
    [InlineData(15_025_000_000L, "150.25")]
    [InlineData(10_000_000_000L, "100")]
    [InlineData(110_000_000L, "1.1")]
    [InlineData(-12_345L, "-0.00012345")]
    [InlineData(1L, "0.00000001")]
    [InlineData(0L, "0")]
    [InlineData(-100_000_000L, "-1")]
    [InlineData(long.MaxValue, "92233720368.54775807")]
    [InlineData(long.MinValue, "-92233720368.54775808")]
    public void ToString_Value_IsInvariantWithoutTrailingZeros(long raw, string expected)
    {
        FixedPoint value = FixedPoint.FromRaw(raw);
        byte[] utf8 = new byte[32];

        Assert.True(value.TryFormat(utf8, out int bytesWritten));

        Assert.Equal(expected, value.ToString());
        Assert.Equal(expected, $"{value}");
        Assert.Equal(expected, Encoding.UTF8.GetString(utf8, 0, bytesWritten));
    }

    [Fact]
    public void ToString_AnyCulture_UsesInvariantFormat()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("-1234.5", FixedPoint.FromDecimal(-1234.5m).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TryFormat_DestinationTooSmall_ReturnsFalse()
    {
        FixedPoint value = FixedPoint.FromDecimal(150.25m);

        Assert.False(value.TryFormat(new char[5], out int charsWritten));
        Assert.Equal(0, charsWritten);
        Assert.True(value.TryFormat(new char[6], out charsWritten));
        Assert.Equal(6, charsWritten);
    }

    [Fact]
    public void ParseFormat_RandomRawValues_RoundTripExactly()
    {
        var random = new Xoshiro256StarStar(7);
        Span<char> chars = stackalloc char[32];
        Span<byte> bytes = stackalloc byte[32];
        for (int i = 0; i < 20_000; i++)
        {
            // Mix full-range values with price-like ones that have few decimals.
            long raw = (i & 1) == 0 ? (long)random.NextUInt64() : (long)random.NextBounded(100_000_000) * 1_000_000;
            FixedPoint value = FixedPoint.FromRaw(raw);

            Assert.True(value.TryFormat(chars, out int charsWritten));
            Assert.True(value.TryFormat(bytes, out int bytesWritten));
            Assert.True(FixedPoint.TryParse(chars[..charsWritten], out FixedPoint fromChars));
            Assert.True(FixedPoint.TryParse(bytes[..bytesWritten], out FixedPoint fromBytes));

            Assert.Equal(raw, fromChars.Raw);
            Assert.Equal(raw, fromBytes.Raw);
            Assert.Equal(raw / 100_000_000m, value.ToDecimal());
            Assert.Equal((raw / 100_000_000m).ToString("0.########", CultureInfo.InvariantCulture), value.ToString());
        }
    }

    [Fact]
    public void TryParse_SteadyState_AllocatesNothing()
    {
        long sum = 0;

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                FixedPoint.TryParse("12345.6789"u8, out FixedPoint a);
                FixedPoint.TryParse("-0.00012345".AsSpan(), out FixedPoint b);
                sum += a.Raw + b.Raw;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, sum % (10_000L * (1_234_567_890_000 - 12_345)));
        Assert.True(sum > 0);
    }

    [Fact]
    public void FromDecimal_ExactValue_RoundTripsThroughToDecimal()
    {
        Assert.Equal(15_025_000_000, FixedPoint.FromDecimal(150.25m).Raw);
        Assert.Equal(-1, FixedPoint.FromDecimal(-0.00000001m).Raw);
        Assert.Equal(1.08345m, FixedPoint.FromDecimal(1.08345m).ToDecimal());
        Assert.Equal(long.MaxValue, FixedPoint.FromDecimal(92_233_720_368.54775807m).Raw);
    }

    [Fact]
    public void FromDecimal_MoreThanEightDecimalsOrOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => FixedPoint.FromDecimal(0.000000001m));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.FromDecimal(92_233_720_368.54775808m));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.FromDecimal(-1e15m));
    }

    [Fact]
    public void FromInt_WholeNumber_ScalesByOneHundredMillion()
    {
        Assert.Equal(42 * FixedPoint.Scale, FixedPoint.FromInt(42).Raw);
        Assert.Equal(-7 * FixedPoint.Scale, FixedPoint.FromInt(-7).Raw);
        Assert.Throws<OverflowException>(() => FixedPoint.FromInt(100_000_000_000));
    }

    [Fact]
    public void Operators_CompareAndAddOnRawValues()
    {
        FixedPoint a = FixedPoint.FromDecimal(1.1m);
        FixedPoint b = FixedPoint.FromDecimal(2.2m);

        Assert.Equal(FixedPoint.FromDecimal(3.3m), a + b);   // no binary-float drift: 1.1 + 2.2 == 3.3
        Assert.Equal(FixedPoint.FromDecimal(-1.1m), a - b);
        Assert.Equal(FixedPoint.FromDecimal(-1.1m), -a);
        FixedPoint aCopy = FixedPoint.FromRaw(a.Raw);
        Assert.True(a < b && b > a && a <= aCopy && a >= aCopy && a <= b && !(a > b) && !(b < a) && !(a < aCopy));
        Assert.Equal(-1, a.CompareTo(b));
        Assert.Equal(0, a.CompareTo(FixedPoint.FromRaw(110_000_000)));
        Assert.Equal(1.1, a.ToDouble());
    }
}
