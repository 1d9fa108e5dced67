using System.Buffers.Binary;
using LowLatency.Market.Generation;
using LowLatency.Ticks.Journal;

namespace LowLatency.Market.Tests.Ticks.Journal;

/// <summary>Journals of generated events, and the byte arithmetic the tests assert against.</summary>
internal static class JournalTestData
{
    /// <summary>Header of a journal whose table holds AAPL, GOOGL, MSFT at creation: 64 (file header) + 40 (block
    /// header) + 16 (definitions 1+4, 1+5, 1+4 = 16, already a multiple of 8).</summary>
    public const long ThreeSymbolHeaderLength = 120;

    /// <summary>A full block of 100 records: 40 + 100 × 48.</summary>
    public const long HundredRecordBlockLength = 4_840;

    public static readonly DateTime CreatedUtc = new(2024, 1, 2, 14, 30, 0, 123, DateTimeKind.Utc);

    /// <summary>Every codec, for tests that hold for compressed and uncompressed journals alike.</summary>
    public static TheoryData<JournalCompression> Compressions => [JournalCompression.None, JournalCompression.Lz4, JournalCompression.Zstd];

    /// <summary>Writes <paramref name="count"/> Classic events (AAPL, GOOGL, MSFT, all in the header) in blocks of
    /// <paramref name="recordsPerBlock"/>, uncompressed unless asked; returns the events as appended.</summary>
    public static MarketEvent[] WriteClassic(
        string path, int count, int recordsPerBlock = 100, JournalCompression compression = JournalCompression.None)
    {
        var symbols = new SymbolTable(16);
        var generator = new MarketEventGenerator(symbols, new MarketEventGeneratorOptions { Seed = 11 });
        var events = new MarketEvent[count];
        var options = new JournalWriterOptions { RecordsPerBlock = recordsPerBlock, CreatedUtc = CreatedUtc, Compression = compression };
        using var writer = JournalWriter.Create(path, symbols, options);
        for (int i = 0; i < count; i++)
        {
            generator.Next(ref events[i]);
            writer.Append(in events[i]);
        }

        return events;
    }

    /// <summary>
    /// Where each block after the header symbol table starts, read from the block headers, with its type and codec: the
    /// layout of a compressed journal depends on its contents, so damage tests find their targets this way.
    /// </summary>
    public static List<(long Offset, int Length, JournalBlockType Type, JournalCompression Compression)> Blocks(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var blocks = new List<(long, int, JournalBlockType, JournalCompression)>();
        int offset = JournalFormat.HeaderSymbolsOffset;
        offset += JournalFormat.BlockHeaderLength + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + JournalFormat.BlockPayloadLengthOffset));
        while (offset < bytes.Length)
        {
            int length = JournalFormat.BlockHeaderLength + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + JournalFormat.BlockPayloadLengthOffset));
            var type = (JournalBlockType)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + JournalFormat.BlockTypeOffset));
            blocks.Add((offset, length, type, (JournalCompression)bytes[offset + JournalFormat.BlockCompressionOffset]));
            offset += length;
        }

        return blocks;
    }

    /// <summary>Reads to the end with <see cref="JournalReader.TryRead"/>.</summary>
    public static List<MarketEvent> ReadAll(JournalReader reader)
    {
        var events = new List<MarketEvent>();
        MarketEvent e = default;
        while (reader.TryRead(ref e))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Asserts the input fields match (same symbol ids) and the stage fields and ingest stamp are zero.</summary>
    public static void AssertSameTicks(ReadOnlySpan<MarketEvent> expected, IReadOnlyList<MarketEvent> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].TimestampNs, actual[i].TimestampNs);
            Assert.Equal(expected[i].Kind, actual[i].Kind);
            Assert.Equal(expected[i].Symbol, actual[i].Symbol);
            Assert.Equal(expected[i].Price, actual[i].Price);
            Assert.Equal(expected[i].Size, actual[i].Size);
            Assert.Equal(expected[i].AskPrice, actual[i].AskPrice);
            Assert.Equal(expected[i].AskSize, actual[i].AskSize);
            Assert.Equal(expected[i].Flags, actual[i].Flags);
            AssertStageFieldsZero(actual[i]);
        }
    }

    public static void AssertStageFieldsZero(in MarketEvent e)
    {
        Assert.Equal(0, e.IngestTimestampNs);
        Assert.Equal(FixedPoint.Zero, e.RollingVwap);
        Assert.Equal(FilterReason.None, e.FilterReason);
        Assert.Equal(SignalSide.None, e.Signal);
    }

    /// <summary>Keeps the first <paramref name="length"/> bytes, as a killed writer or a cut copy would.</summary>
    public static void Cut(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
    }

    public static void FlipByte(string path, long offset)
    {
        byte[] bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
    }

    public static void Patch(string path, long offset, params byte[] values)
    {
        byte[] bytes = File.ReadAllBytes(path);
        values.CopyTo(bytes, offset);
        File.WriteAllBytes(path, bytes);
    }
}
