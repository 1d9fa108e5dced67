using System.Buffers.Binary;
using System.IO.Hashing;
using LowLatency.Ticks.Journal;
using static LowLatency.Market.Tests.Ticks.Journal.JournalTestData;

namespace LowLatency.Market.Tests.Ticks.Journal;

public sealed class JournalFormatTests
{
    [Fact]
    public void Layout_OneTrade_HasTheDocumentedBytes()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        var options = new JournalWriterOptions { CreatedUtc = CreatedUtc, Compression = JournalCompression.None };
        using (var writer = JournalWriter.Create(temp.Path, symbols, options))
        {
            writer.Append(MarketEvent.Trade(aapl, FixedPoint.FromDecimal(150.25m), FixedPoint.FromInt(100), 1_704_205_800_000_000_001));
        }

        byte[] file = File.ReadAllBytes(temp.Path);

        // File header.
        Assert.Equal("LLTJ"u8.ToArray(), file[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4))); // uncompressed: format version 1
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(6)));
        Assert.Equal(64, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)));
        Assert.Equal(40, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10)));
        Assert.Equal(48, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(12)));
        Assert.Equal(1_704_205_800_123_000_000, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(16)));
        Assert.All(file[24..56], b => Assert.Equal(0, b));

        // Header Symbols block at 64: type 1, one definition, 8 payload bytes ("\x04AAPL" + 3 padding), first id 0.
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(64)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(64 + 4)));
        Assert.Equal(8, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(64 + 8)));
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(64 + 16)));
        Assert.Equal("\u0004AAPL\0\0\0"u8.ToArray(), file[104..112]);

        // Records block at 112: type 2, stored as it is, one record, 48 payload bytes, no compressed length, first record 0.
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(112)));
        Assert.Equal((byte)JournalCompression.None, file[112 + 2]);
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(112 + 12)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(112 + 4)));
        Assert.Equal(48, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(112 + 8)));
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(112 + 16)));

        // The record at 152.
        Span<byte> record = file.AsSpan(152, 48);
        Assert.Equal(1_704_205_800_000_000_001, BinaryPrimitives.ReadInt64LittleEndian(record));
        Assert.Equal(15_025_000_000, BinaryPrimitives.ReadInt64LittleEndian(record[8..]));
        Assert.Equal(10_000_000_000, BinaryPrimitives.ReadInt64LittleEndian(record[16..]));
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(record[24..]));
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(record[32..]));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(record[40..]));
        Assert.Equal((byte)MarketEventKind.Trade, record[44]);
        Assert.Equal(new byte[3], record[45..].ToArray());
        Assert.Equal(200, file.Length);
    }

    [Theory]
    [InlineData(JournalCompression.Lz4)]
    [InlineData(JournalCompression.Zstd)]
    public void Layout_CompressedRecordsBlock_NamesCodecAndLengthsAndChecksumsTheStoredBytes(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 100, compression: compression);
        byte[] file = File.ReadAllBytes(temp.Path);
        Span<byte> header = file.AsSpan((int)ThreeSymbolHeaderLength, JournalFormat.BlockHeaderLength);

        int stored = BinaryPrimitives.ReadInt32LittleEndian(header[JournalFormat.BlockPayloadLengthOffset..]);
        int compressed = BinaryPrimitives.ReadInt32LittleEndian(header[JournalFormat.BlockCompressedLengthOffset..]);
        Span<byte> payload = file.AsSpan((int)ThreeSymbolHeaderLength + JournalFormat.BlockHeaderLength, stored);

        Assert.Equal((ushort)JournalBlockType.Records, BinaryPrimitives.ReadUInt16LittleEndian(header));
        Assert.Equal((byte)compression, header[JournalFormat.BlockCompressionOffset]);
        Assert.Equal(0, header[JournalFormat.BlockCompressionOffset + 1]);
        Assert.Equal(100, BinaryPrimitives.ReadInt32LittleEndian(header[JournalFormat.BlockCountOffset..]));
        Assert.InRange(compressed, 1, (100 * JournalFormat.RecordLength) - 1);
        Assert.Equal((compressed + 7) & ~7, stored);
        Assert.All(payload[compressed..].ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(XxHash3.HashToUInt64(payload), BinaryPrimitives.ReadUInt64LittleEndian(header[JournalFormat.BlockPayloadChecksumOffset..]));
        Assert.Equal(ThreeSymbolHeaderLength + JournalFormat.BlockHeaderLength + stored, file.Length);
    }

    [Fact]
    public void Layout_OffMarketTrade_FlagsByteAt45()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable();
        MarketEvent trade = MarketEvent.Trade(symbols.GetOrAdd("AAPL"), FixedPoint.FromInt(150), FixedPoint.FromInt(100), 1);
        trade.Flags = MarketEventFlags.OffMarketPrint;
        using (var writer = JournalWriter.Create(temp.Path, symbols, new JournalWriterOptions { CreatedUtc = CreatedUtc, Compression = JournalCompression.None }))
        {
            writer.Append(in trade);
        }

        byte[] record = File.ReadAllBytes(temp.Path)[152..200];

        Assert.Equal((byte)MarketEventKind.Trade, record[JournalFormat.RecordKindOffset]);
        Assert.Equal((byte)MarketEventFlags.OffMarketPrint, record[JournalFormat.RecordFlagsOffset]);
        Assert.Equal(new byte[2], record[46..]);
    }

    [Fact]
    public void Offsets_FieldsTileTheirStructures()
    {
        Assert.Equal(JournalFormat.FileHeaderLength, JournalFormat.FileHeaderChecksumOffset + sizeof(ulong));
        Assert.Equal(JournalFormat.BlockHeaderLength, JournalFormat.BlockHeaderChecksumOffset + sizeof(ulong));
        Assert.Equal(JournalFormat.RecordKindOffset + 1 + 3, JournalFormat.RecordLength);
        Assert.Equal(JournalFormat.RecordKindOffset + 1, JournalFormat.RecordFlagsOffset);
        Assert.Equal(0, JournalFormat.FileHeaderLength % JournalFormat.Alignment);
        Assert.Equal(0, JournalFormat.BlockHeaderLength % JournalFormat.Alignment);
        Assert.Equal(0, JournalFormat.RecordLength % JournalFormat.Alignment);
    }

    [Fact]
    public void HasMagic_JournalAndOtherStarts_TellThemApart()
    {
        Assert.True(JournalFormat.HasMagic("LLTJ\u0001\0"u8));
        Assert.False(JournalFormat.HasMagic("PK\u0003\u0004"u8));
        Assert.False(JournalFormat.HasMagic("LLT"u8));
    }
}
