using System.Text;
using LowLatency.Market;

namespace LowLatency.Kafka.Tests;

/// <summary>JSON timestamps in an explicit unit, checked for plausibility; symbols interned only for valid ticks.</summary>
public sealed class TickCodecDecodeTests
{
    // 2024-01-02T14:30:00Z, the generator's first tick.
    private const long OpenNs = 1_704_205_800_000_000_000;

    [Theory]
    [InlineData("1704205800000000000", JsonTimestampUnit.Nanoseconds, OpenNs)]
    [InlineData("1704205800000000", JsonTimestampUnit.Microseconds, OpenNs)]
    [InlineData("1704205800000", JsonTimestampUnit.Milliseconds, OpenNs)]
    [InlineData("1704205800", JsonTimestampUnit.Seconds, OpenNs)]
    [InlineData("1704205800.123456789", JsonTimestampUnit.Seconds, OpenNs + 123_456_789)]
    [InlineData("1704205800000.5", JsonTimestampUnit.Milliseconds, OpenNs + 500_000)]
    [InlineData("\"2024-01-02T14:30:00Z\"", JsonTimestampUnit.Milliseconds, OpenNs)] // ISO text carries its own unit
    public void Decode_TimestampInItsUnit_IsUnixNanoseconds(string timestamp, JsonTimestampUnit unit, long expectedNs)
    {
        var e = default(MarketEvent);

        TickDecodeResult result = TickCodec.Decode(default, Json(timestamp), new SymbolTable(4), unit, ref e);

        Assert.Equal((TickDecodeResult.Ok, expectedNs), (result, e.TimestampNs));
    }

    [Theory]
    [InlineData("1704205800000", JsonTimestampUnit.Nanoseconds)]     // ms read as ns: 1970, the bug this guards against
    [InlineData("1704205800000000000", JsonTimestampUnit.Milliseconds)] // ns read as ms: beyond 2100 (and beyond long)
    [InlineData("1704205800", JsonTimestampUnit.Milliseconds)]
    [InlineData("0", JsonTimestampUnit.Seconds)]
    [InlineData("-5", JsonTimestampUnit.Seconds)]
    [InlineData("946684799", JsonTimestampUnit.Seconds)]              // one second before 2000-01-01
    [InlineData("4102444800", JsonTimestampUnit.Seconds)]             // 2100-01-01 itself is excluded
    [InlineData("9223372036854775807", JsonTimestampUnit.Seconds)]
    [InlineData("\"1969-12-31T23:59:59Z\"", JsonTimestampUnit.Nanoseconds)]
    public void Decode_ImplausibleTimestamp_IsOutOfRangeAndInternsNothing(string timestamp, JsonTimestampUnit unit)
    {
        var symbols = new SymbolTable(4);
        var e = default(MarketEvent);

        Assert.Equal(TickDecodeResult.TimestampOutOfRange, TickCodec.Decode(default, Json(timestamp), symbols, unit, ref e));
        Assert.Equal(0, symbols.Count);
    }

    [Theory]
    [InlineData("946684800", JsonTimestampUnit.Seconds, TickCodec.EarliestTimestampNs)]
    [InlineData("4102444799999999999", JsonTimestampUnit.Nanoseconds, TickCodec.LatestTimestampNs - 1)]
    public void Decode_TimestampAtTheEdgesOfTheRange_IsAccepted(string timestamp, JsonTimestampUnit unit, long expectedNs)
    {
        var e = default(MarketEvent);

        Assert.Equal(TickDecodeResult.Ok, TickCodec.Decode(default, Json(timestamp), new SymbolTable(4), unit, ref e));
        Assert.Equal(expectedNs, e.TimestampNs);
    }

    [Theory]
    [InlineData("""{"symbol":"AAPL","price":1.5,"size":2}""")]
    [InlineData("""{"symbol":"AAPL","price":1.5,"size":2,"timestamp":null}""")]
    public void Decode_JsonWithoutTimestamp_IsMissingTimestamp(string json)
    {
        var symbols = new SymbolTable(4);
        var e = default(MarketEvent);

        Assert.Equal(TickDecodeResult.MissingTimestamp, TickCodec.Decode(default, Encoding.UTF8.GetBytes(json), symbols, JsonTimestampUnit.Nanoseconds, ref e));
        Assert.False(TickCodec.TryDecode(default, Encoding.UTF8.GetBytes(json), symbols, ref e));
        Assert.Equal(0, symbols.Count);
    }

    [Theory]
    [InlineData("""{"symbol":"AAPL","price":"x","size":2,"timestamp":1704205800}""")]
    [InlineData("""{"symbol":"AAPL","price":1,"size":2,"timestamp":true}""")]
    [InlineData("""{"symbol":"AAPL","price":1,"size":2,"timestamp":"yesterday"}""")]
    [InlineData("""{"symbol":"AAPL","price":1,"size":2,"timestamp":1704205800.5e40}""")]
    [InlineData("""{"symbol":"","price":1,"size":2,"timestamp":1704205800}""")]
    public void Decode_BadField_IsUndecodableAndInternsNothing(string json)
    {
        var symbols = new SymbolTable(4);
        var e = default(MarketEvent);

        Assert.Equal(TickDecodeResult.Undecodable, TickCodec.Decode(default, Encoding.UTF8.GetBytes(json), symbols, JsonTimestampUnit.Seconds, ref e));
        Assert.Equal(0, symbols.Count);
    }

    [Fact]
    public void Decode_FractionalNanoseconds_IsUndecodable()
    {
        var e = default(MarketEvent);

        Assert.Equal(TickDecodeResult.Undecodable,
            TickCodec.Decode(default, Json("1704205800000000000.5"), new SymbolTable(4), JsonTimestampUnit.Nanoseconds, ref e));
    }

    [Fact]
    public void Decode_NewSymbolWhenFull_IsSymbolTableFullForJsonAndBinaryAndKnownSymbolsStillDecode()
    {
        var symbols = new SymbolTable(1);
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        byte[] binary = new byte[TickCodec.EncodedSize];
        Assert.True(TickCodec.TryEncode(MarketEvent.Trade(aapl, FixedPoint.FromInt(1), FixedPoint.FromInt(1), OpenNs), binary));
        var e = default(MarketEvent);

        Assert.Equal(TickDecodeResult.SymbolTableFull, TickCodec.Decode("MSFT"u8, binary, symbols, JsonTimestampUnit.Nanoseconds, ref e));
        Assert.Equal(TickDecodeResult.SymbolTableFull,
            TickCodec.Decode(default, """{"symbol":"MSFT","price":1,"size":2,"timestamp":1704205800}"""u8, symbols, JsonTimestampUnit.Seconds, ref e));
        // A bad message with a new symbol is bad first: it says nothing about capacity.
        Assert.Equal(TickDecodeResult.Undecodable,
            TickCodec.Decode(default, """{"symbol":"MSFT","price":"x","size":2,"timestamp":1704205800}"""u8, symbols, JsonTimestampUnit.Seconds, ref e));
        Assert.Equal(TickDecodeResult.Ok, TickCodec.Decode("AAPL"u8, binary, symbols, JsonTimestampUnit.Nanoseconds, ref e));
        Assert.Equal(aapl, e.Symbol);
        Assert.Equal(1, symbols.Count);
    }

    [Fact]
    public void Decode_InvalidUtf8Key_IsUndecodable()
    {
        var symbols = new SymbolTable(4);
        byte[] binary = new byte[TickCodec.EncodedSize];
        Assert.True(TickCodec.TryEncode(MarketEvent.Trade(default, FixedPoint.FromInt(1), FixedPoint.FromInt(1), OpenNs), binary));
        var e = default(MarketEvent);

        Assert.Equal(TickDecodeResult.Undecodable, TickCodec.Decode([0xFF, 0x41], binary, symbols, JsonTimestampUnit.Nanoseconds, ref e));
        Assert.Equal(0, symbols.Count);
    }

    [Fact]
    public void ToReason_EveryResult_HasItsWords()
    {
        Assert.Equal(
            ["ok", "undecodable", "missing timestamp", "timestamp out of range", "symbol table full"],
            Enum.GetValues<TickDecodeResult>().Select(r => r.ToReason()));
    }

    private static byte[] Json(string timestamp) =>
        Encoding.UTF8.GetBytes("""{"symbol":"AAPL","price":189.25,"size":100,"timestamp":""" + timestamp + "}");
}
