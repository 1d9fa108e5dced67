using System.Runtime.CompilerServices;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests;

public sealed class MarketEventTests
{
    [Fact]
    public void Layout_Size_IsExactlyOneCacheLineAndUnmanaged()
    {
        Assert.Equal(64, Unsafe.SizeOf<MarketEvent>());
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<MarketEvent>());
        Assert.Equal(8, Unsafe.SizeOf<FixedPoint>());
        Assert.Equal(4, Unsafe.SizeOf<SymbolId>());
        Assert.Equal(1, Unsafe.SizeOf<MarketEventKind>());
        Assert.Equal(1, Unsafe.SizeOf<FilterReason>());
        Assert.Equal(1, Unsafe.SizeOf<SignalSide>());
        Assert.Equal(1, Unsafe.SizeOf<MarketEventFlags>());
    }

    [Fact]
    public void Layout_FieldOffsets_MatchDocumentation()
    {
        var e = new MarketEvent();

        Assert.Equal(0, Offset(ref e, ref e.TimestampNs));
        Assert.Equal(8, Offset(ref e, ref e.IngestTimestampNs));
        Assert.Equal(16, Offset(ref e, ref e.Price));
        Assert.Equal(16, Offset(ref e, ref e.BidPrice));
        Assert.Equal(24, Offset(ref e, ref e.Size));
        Assert.Equal(24, Offset(ref e, ref e.BidSize));
        Assert.Equal(32, Offset(ref e, ref e.AskPrice));
        Assert.Equal(40, Offset(ref e, ref e.AskSize));
        Assert.Equal(48, Offset(ref e, ref e.RollingVwap));
        Assert.Equal(56, Offset(ref e, ref e.Symbol));
        Assert.Equal(60, Offset(ref e, ref e.Kind));
        Assert.Equal(61, Offset(ref e, ref e.FilterReason));
        Assert.Equal(62, Offset(ref e, ref e.Signal));
        Assert.Equal(63, Offset(ref e, ref e.Flags));
    }

    [Fact]
    public void Trade_Builder_SetsTradeFieldsAndUnionAliasesBid()
    {
        MarketEvent e = MarketEvent.Trade(new SymbolId(3), P(150.25m), P(100m), timestampNs: 42);

        Assert.Equal(MarketEventKind.Trade, e.Kind);
        Assert.True(e.IsTrade);
        Assert.False(e.IsQuote);
        Assert.Equal(new SymbolId(3), e.Symbol);
        Assert.Equal(P(150.25m), e.Price);
        Assert.Equal(P(100m), e.Size);
        Assert.Equal(e.Price, e.BidPrice);   // same storage
        Assert.Equal(e.Size, e.BidSize);
        Assert.Equal(42, e.TimestampNs);
        Assert.Equal(0, e.IngestTimestampNs);
        Assert.Equal(FixedPoint.Zero, e.AskPrice);
        Assert.Equal(FixedPoint.Zero, e.AskSize);
        Assert.Equal(MarketEventFlags.None, e.Flags);
        Assert.False(e.IsFiltered);
    }

    [Fact]
    public void Quote_Builder_SetsQuoteFields()
    {
        MarketEvent e = MarketEvent.Quote(new SymbolId(1), P(99.98m), P(300m), P(100.02m), P(200m), timestampNs: 7);

        Assert.Equal(MarketEventKind.Quote, e.Kind);
        Assert.True(e.IsQuote);
        Assert.Equal(P(99.98m), e.BidPrice);
        Assert.Equal(P(300m), e.BidSize);
        Assert.Equal(P(100.02m), e.AskPrice);
        Assert.Equal(P(200m), e.AskSize);
        Assert.Equal(7, e.TimestampNs);
        Assert.Equal(SignalSide.None, e.Signal);
    }

    [Fact]
    public void ResetStageFields_ReusedSlot_ClearsOnlyStageFields()
    {
        MarketEvent e = MarketEvent.Trade(new SymbolId(2), P(10m), P(5m), 99);
        e.IngestTimestampNs = 1234;
        e.Flags = MarketEventFlags.OffMarketPrint; // the producer's, not a stage's: kept
        MarketEvent clean = e;
        e.FilterReason = FilterReason.PriceOutOfBand;
        e.RollingVwap = P(9.5m);
        e.Signal = SignalSide.Sell;
        Assert.True(e.IsFiltered);

        e.ResetStageFields();

        Assert.False(e.IsFiltered);
        Assert.Equal(FilterReason.None, e.FilterReason);
        Assert.Equal(FixedPoint.Zero, e.RollingVwap);
        Assert.Equal(SignalSide.None, e.Signal);
        Assert.True(Bytes(ref e).SequenceEqual(Bytes(ref clean)));
    }

    private static int Offset<T>(ref MarketEvent e, ref T field) =>
        (int)Unsafe.ByteOffset(ref Unsafe.As<MarketEvent, byte>(ref e), ref Unsafe.As<T, byte>(ref field));

    private static ReadOnlySpan<byte> Bytes(ref MarketEvent e) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<MarketEvent>(ref e));
}
