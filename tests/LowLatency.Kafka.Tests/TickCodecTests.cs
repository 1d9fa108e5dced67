using System.Buffers.Binary;
using System.Text;
using LowLatency.Market;

namespace LowLatency.Kafka.Tests;

public sealed class TickCodecTests
{
    [Fact]
    public void TryDecode_EncodedTradeAndQuote_RoundTrips()
    {
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        MarketEvent[] events =
        [
            MarketEvent.Trade(aapl, FixedPoint.FromDecimal(189.25m), FixedPoint.FromInt(100), 1_700_000_000_123_456_789),
            MarketEvent.Quote(aapl, FixedPoint.FromDecimal(189.2m), FixedPoint.FromInt(5), FixedPoint.FromDecimal(189.3m), FixedPoint.FromInt(7), 42),
        ];
        Span<byte> value = stackalloc byte[TickCodec.EncodedSize];
        foreach (MarketEvent e in events)
        {
            Assert.True(TickCodec.TryEncode(e, value));
            var decoded = default(MarketEvent);
            decoded.RollingVwap = FixedPoint.FromInt(1); // stale stage field must be cleared
            Assert.True(TickCodec.TryDecode("AAPL"u8, value, symbols, ref decoded));
            Assert.Equal(e.TimestampNs, decoded.TimestampNs);
            Assert.Equal(e.Kind, decoded.Kind);
            Assert.Equal(e.Price, decoded.Price);
            Assert.Equal(e.Size, decoded.Size);
            Assert.Equal(e.AskPrice, decoded.AskPrice);
            Assert.Equal(e.AskSize, decoded.AskSize);
            Assert.Equal(aapl, decoded.Symbol);
            Assert.Equal(MarketEventFlags.None, decoded.Flags);
            Assert.Equal(FixedPoint.Zero, decoded.RollingVwap);
        }
    }

    [Fact]
    public void TryEncode_Version2_Is43BytesWithTheFlagsLast()
    {
        var e = MarketEvent.Trade(default, FixedPoint.FromInt(1), FixedPoint.FromInt(1));
        e.Flags = MarketEventFlags.OffMarketPrint;
        byte[] value = new byte[TickCodec.EncodedSize + 1];

        Assert.True(TickCodec.TryEncode(e, value));
        Assert.Equal((2, 43), (TickCodec.Version, TickCodec.EncodedSize));
        Assert.Equal((byte)2, value[0]);
        Assert.Equal((byte)MarketEventFlags.OffMarketPrint, value[42]);
        Assert.Equal(0, value[43]); // nothing written past the value
    }

    [Fact]
    public void TryDecode_OffMarketPrint_RoundTripsItsFlag()
    {
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        var e = MarketEvent.Trade(aapl, FixedPoint.FromDecimal(189.25m), FixedPoint.FromInt(100), 42);
        e.Flags = MarketEventFlags.OffMarketPrint;
        byte[] value = new byte[TickCodec.EncodedSize];
        Assert.True(TickCodec.TryEncode(e, value));

        var decoded = default(MarketEvent);
        Assert.True(TickCodec.TryDecode("AAPL"u8, value, symbols, ref decoded));
        Assert.Equal(e, decoded);
    }

    [Fact]
    public void TryDecode_Version1Value_DecodesWithNoFlags()
    {
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        var e = MarketEvent.Quote(aapl, FixedPoint.FromDecimal(189.2m), FixedPoint.FromInt(5), FixedPoint.FromDecimal(189.3m), FixedPoint.FromInt(7), 42);
        byte[] value = Version1(e);

        var decoded = default(MarketEvent);
        decoded.Flags = MarketEventFlags.OffMarketPrint; // a stale flag must be cleared
        Assert.True(TickCodec.TryDecode("AAPL"u8, value, symbols, ref decoded));
        Assert.Equal(e, decoded);
        Assert.Equal(MarketEventFlags.None, decoded.Flags);
    }

    [Fact]
    public void TryDecode_VersionByteAndLengthDisagree_ReturnsFalse()
    {
        var symbols = new SymbolTable();
        var e = MarketEvent.Trade(symbols.GetOrAdd("AAPL"), FixedPoint.FromInt(1), FixedPoint.FromInt(1));
        byte[] version2 = new byte[TickCodec.EncodedSize];
        TickCodec.TryEncode(e, version2);
        version2[0] = 1; // 43 bytes claiming version 1
        byte[] version1 = Version1(e);
        version1[0] = 2; // 42 bytes claiming version 2

        var decoded = default(MarketEvent);
        Assert.False(TickCodec.TryDecode("AAPL"u8, version2, symbols, ref decoded));
        Assert.False(TickCodec.TryDecode("AAPL"u8, version1, symbols, ref decoded));
    }

    [Fact]
    public void TryEncode_SmallBuffer_ReturnsFalse()
    {
        var e = MarketEvent.Trade(default, FixedPoint.FromInt(1), FixedPoint.FromInt(1));
        Assert.False(TickCodec.TryEncode(e, new byte[TickCodec.EncodedSize - 1]));
    }

    [Fact]
    public void TryDecode_KnownSymbol_AllocatesNothing()
    {
        var symbols = new SymbolTable();
        SymbolId msft = symbols.GetOrAdd("MSFT");
        byte[] value = new byte[TickCodec.EncodedSize];
        TickCodec.TryEncode(MarketEvent.Trade(msft, FixedPoint.FromInt(400), FixedPoint.FromInt(3), 7), value);
        byte[] key = "MSFT"u8.ToArray();
        var e = default(MarketEvent);

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                TickCodec.TryDecode(key, value, symbols, ref e);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(7, e.TimestampNs); // the decodes ran
    }

    [Theory]
    [InlineData("""{"symbol":"BTCUSD","price":"42000.5","size":0.25,"timestamp":1700000000000000000}""", 1_700_000_000_000_000_000)]
    [InlineData("""{"symbol":"BTCUSD","price":42000.5,"size":"0.25","timestamp":"2023-11-14T22:13:20Z"}""", 1_700_000_000_000_000_000)]
    public void TryDecode_Json_DecodesTrade(string json, long expectedTimestampNs)
    {
        var symbols = new SymbolTable();
        var e = default(MarketEvent);
        Assert.True(TickCodec.TryDecode(default, Encoding.UTF8.GetBytes(json), symbols, ref e));
        Assert.Equal(MarketEventKind.Trade, e.Kind);
        Assert.Equal("BTCUSD", symbols.GetName(e.Symbol));
        Assert.Equal(FixedPoint.FromDecimal(42000.5m), e.Price);
        Assert.Equal(FixedPoint.FromDecimal(0.25m), e.Size);
        Assert.Equal(expectedTimestampNs, e.TimestampNs);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 9, 0, 0 })]
    [InlineData(new byte[] { (byte)'{', (byte)'x' })]
    public void TryDecode_BadValue_ReturnsFalse(byte[] value)
    {
        var e = default(MarketEvent);
        Assert.False(TickCodec.TryDecode("AAPL"u8, value, new SymbolTable(), ref e));
    }

    [Fact]
    public void TryDecode_UnknownVersion_ReturnsFalse()
    {
        byte[] value = new byte[TickCodec.EncodedSize];
        TickCodec.TryEncode(MarketEvent.Trade(default, FixedPoint.FromInt(1), FixedPoint.FromInt(1)), value);
        value[0] = 3;
        var e = default(MarketEvent);
        Assert.False(TickCodec.TryDecode("AAPL"u8, value, new SymbolTable(), ref e));
    }

    /// <summary>A version-1 value as the previous release wrote it: version 1, kind, timestamp, then price (bid),
    /// size (bid size), ask, ask size as raw fixed-point values, little-endian; 42 bytes, no flags.</summary>
    private static byte[] Version1(in MarketEvent e)
    {
        byte[] value = new byte[42];
        value[0] = 1;
        value[1] = (byte)e.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(2), e.TimestampNs);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(10), e.Price.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(18), e.Size.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(26), e.AskPrice.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(34), e.AskSize.Raw);
        return value;
    }

    [Fact]
    public void TryDecode_JsonWithoutPrice_ReturnsFalse()
    {
        var e = default(MarketEvent);
        Assert.False(TickCodec.TryDecode("AAPL"u8, """{"symbol":"AAPL","size":1}"""u8, new SymbolTable(), ref e));
    }
}
