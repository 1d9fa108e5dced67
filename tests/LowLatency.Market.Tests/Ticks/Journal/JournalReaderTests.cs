using LowLatency.Market.Generation;
using LowLatency.Ticks;
using LowLatency.Ticks.Journal;
using static LowLatency.Market.Tests.Ticks.Journal.JournalTestData;

namespace LowLatency.Market.Tests.Ticks.Journal;

public sealed class JournalReaderTests
{
    [Theory]
    [InlineData(GeneratorModel.Classic, JournalCompression.None)]
    [InlineData(GeneratorModel.RandomWalk, JournalCompression.None)]
    [InlineData(GeneratorModel.Classic, JournalCompression.Lz4)]
    [InlineData(GeneratorModel.RandomWalk, JournalCompression.Lz4)]
    [InlineData(GeneratorModel.Classic, JournalCompression.Zstd)]
    [InlineData(GeneratorModel.RandomWalk, JournalCompression.Zstd)]
    public void TryRead_SymbolsAddedMidway_RoundTripsEveryFieldIntoAnotherTable(GeneratorModel model, JournalCompression compression)
    {
        using var temp = new TempJournal();
        var writeSymbols = new SymbolTable(16);
        var first = new MarketEventGenerator(writeSymbols, new MarketEventGeneratorOptions { Model = model, Seed = 3 });
        var written = new List<MarketEvent>();
        var options = new JournalWriterOptions { RecordsPerBlock = 64, CreatedUtc = CreatedUtc, Compression = compression };
        using (var writer = JournalWriter.Create(temp.Path, writeSymbols, options))
        {
            Append(writer, first, 1_000, written);
            // Interned after the header was written: named by Symbols blocks inline, mid-block (1000 % 64 != 0).
            var second = new MarketEventGenerator(
                writeSymbols, new MarketEventGeneratorOptions { Model = model, Seed = 4, Symbols = ["BTCUSDT", "ETHUSDT"] });
            writeSymbols.GetOrAdd("UNUSED");
            var third = new MarketEventGenerator(
                writeSymbols, new MarketEventGeneratorOptions { Model = model, Seed = 5, Symbols = ["EURUSD"] });
            Append(writer, second, 500, written);
            Append(writer, first, 250, written);
            Append(writer, third, 250, written);
            Assert.Equal(6, writer.SymbolCount);
        }

        // The reading table already holds other symbols, and some of the same ones under other ids.
        var readSymbols = new SymbolTable(16);
        readSymbols.GetOrAdd("ZZZ");
        readSymbols.GetOrAdd("MSFT");
        readSymbols.GetOrAdd("ETHUSDT");
        using var reader = JournalReader.Open(temp.Path, readSymbols);
        List<MarketEvent> read = ReadAll(reader);

        Assert.Equal(2_000, read.Count);
        Assert.Equal(2_000, reader.RecordCount);
        Assert.Equal(2_000, reader.RowsRead);
        Assert.False(reader.IsTruncated);
        Assert.Equal(0, reader.DroppedBytes);
        Assert.Equal(["AAPL", "GOOGL", "MSFT"], reader.Header.Symbols);
        Assert.Equal(["AAPL", "GOOGL", "MSFT", "BTCUSDT", "ETHUSDT", "EURUSD"], reader.SymbolNames);
        Assert.Equal(7, readSymbols.Count); // ZZZ, MSFT, ETHUSDT + AAPL, GOOGL, BTCUSDT, EURUSD; UNUSED never appended
        for (int i = 0; i < written.Count; i++)
        {
            MarketEvent expected = written[i];
            MarketEvent actual = read[i];
            Assert.Equal(expected.TimestampNs, actual.TimestampNs);
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(writeSymbols.GetName(expected.Symbol), readSymbols.GetName(actual.Symbol));
            Assert.Equal(expected.Price, actual.Price);
            Assert.Equal(expected.Size, actual.Size);
            Assert.Equal(expected.AskPrice, actual.AskPrice);
            Assert.Equal(expected.AskSize, actual.AskSize);
            AssertStageFieldsZero(actual);
        }

        Assert.Equal(model == GeneratorModel.RandomWalk, read.Exists(e => e.Kind == MarketEventKind.Quote));
        Assert.Contains(Blocks(temp.Path), b => b.Type == JournalBlockType.Records && b.Compression == compression);
    }

    [Fact]
    public void TryRead_OffMarketFlags_RoundTripWithEveryOtherField()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable();
        SymbolId spy = symbols.GetOrAdd("SPY");
        var written = new MarketEvent[10];
        for (int i = 0; i < written.Length; i++)
        {
            written[i] = i % 4 == 3
                ? MarketEvent.Quote(spy, FixedPoint.FromInt(100 + i), FixedPoint.FromInt(i + 1), FixedPoint.FromInt(101 + i), FixedPoint.FromInt(2), 1_000 + i)
                : MarketEvent.Trade(spy, FixedPoint.FromInt(100 + i), FixedPoint.FromInt(i + 1), 1_000 + i);
            written[i].Flags = i % 3 == 0 ? MarketEventFlags.OffMarketPrint : MarketEventFlags.None;
        }

        using (var writer = JournalWriter.Create(temp.Path, symbols, new JournalWriterOptions { RecordsPerBlock = 4, CreatedUtc = CreatedUtc }))
        {
            foreach (MarketEvent e in written)
            {
                writer.Append(in e);
            }
        }

        using var reader = JournalReader.Open(temp.Path, new SymbolTable());
        List<MarketEvent> read = ReadAll(reader);

        Assert.Equal(written, read);
        Assert.Equal(4, read.Count(e => e.Flags == MarketEventFlags.OffMarketPrint));
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void ReadBatch_SpansCrossingBlocks_ReturnsTheTryReadSequence(JournalCompression compression)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000, compression: compression);
        var symbols = new SymbolTable(16);
        using var reader = JournalReader.Open(temp.Path, symbols);

        var read = new List<MarketEvent>();
        var batch = new MarketEvent[37]; // 37 does not divide 100: batches straddle block boundaries
        int count;
        while ((count = reader.ReadBatch(batch)) > 0)
        {
            read.AddRange(batch.AsSpan(0, count));
        }

        AssertSameTicks(written, read); // the reading table is fresh, so the ids coincide
        Assert.Equal(1_000, reader.RowsRead);
        Assert.Equal(0, reader.ReadBatch(batch));
    }

    [Fact]
    public void Open_HeaderOnlyFile_HasHeaderAndZeroRecords()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable(16);
        symbols.GetOrAdd("AAPL");
        symbols.GetOrAdd("GOOGL");
        symbols.GetOrAdd("MSFT");
        JournalWriter.Create(temp.Path, symbols, new JournalWriterOptions { CreatedUtc = CreatedUtc }).Dispose();

        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));
        MarketEvent e = default;

        Assert.False(reader.TryRead(ref e));
        Assert.Equal(0, reader.RecordCount);
        Assert.Equal(0, reader.RowsRead);
        Assert.False(reader.IsTruncated);
        Assert.Equal(2, reader.Header.FormatVersion);
        Assert.Equal(1, reader.Header.RecordLayoutVersion);
        Assert.Equal(CreatedUtc, reader.Header.CreatedUtc);
        Assert.Equal(DateTimeKind.Utc, reader.Header.CreatedUtc.Kind);
        Assert.Equal(["AAPL", "GOOGL", "MSFT"], reader.Header.Symbols);
        Assert.Equal(ThreeSymbolHeaderLength, reader.Header.Length);
        Assert.Equal(ThreeSymbolHeaderLength, reader.FileLength);
        Assert.Equal(temp.Path, reader.Name);
    }

    [Fact]
    public void Open_EmptyFile_ThrowsNamingTheFile()
    {
        using var temp = new TempJournal();
        File.WriteAllBytes(temp.Path, []);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable()));

        Assert.Equal(temp.Path + ": byte offset 0: the file is empty, not a LowLatency tick journal", ex.Message);
        Assert.Equal(temp.Path, ex.File);
        Assert.Equal(0, ex.ByteOffset);
    }

    [Fact]
    public void Open_BadMagic_ThrowsNotAJournal()
    {
        using var temp = new TempJournal();
        byte[] zip = new byte[100];
        "PK\u0003\u0004"u8.CopyTo(zip);
        File.WriteAllBytes(temp.Path, zip);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable()));

        Assert.Equal(temp.Path + ": byte offset 0: not a LowLatency tick journal (bad magic)", ex.Message);
        Assert.Equal(0, ex.ByteOffset);
    }

    [Fact]
    public void Open_UnsupportedFormatVersion_ThrowsNamingBothVersions()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 10);
        Patch(temp.Path, JournalFormat.FormatVersionOffset, 9, 0);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable()));

        Assert.Equal(temp.Path + ": byte offset 4: journal format version 9 is not supported (this build reads 1 to 2)", ex.Message);
    }

    [Fact]
    public void Open_UnsupportedRecordLayoutVersion_ThrowsNamingBothVersions()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 10);
        Patch(temp.Path, JournalFormat.RecordLayoutVersionOffset, 2, 0);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable()));

        Assert.Equal(
            temp.Path + ": byte offset 6: journal record layout version 2 is not supported (this build reads 1)", ex.Message);
    }

    [Theory]
    [InlineData(3, 64)]     // inside the magic
    [InlineData(30, 64)]    // inside the file header
    [InlineData(100, 104)]  // inside the header symbol block's header
    [InlineData(110, 120)]  // inside the header symbol definitions
    public void Open_TruncatedHeader_ThrowsWithLengths(long length, long needed)
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 10);
        Cut(temp.Path, length);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable()));

        Assert.Equal(
            $"{temp.Path}: byte offset {length}: truncated journal header: the file has {length} bytes, the header needs {needed}",
            ex.Message);
    }

    [Fact]
    public void Open_CorruptFileHeader_ThrowsHeaderChecksumMismatch()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 10);
        FlipByte(temp.Path, JournalFormat.CreatedUtcNsOffset);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable()));

        Assert.Equal(temp.Path + ": byte offset 56: journal header checksum mismatch (corrupt header)", ex.Message);
    }

    [Fact]
    public void Open_CorruptHeaderSymbolTable_ThrowsAtItsBlockAndInternsNothing()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 10);
        FlipByte(temp.Path, JournalFormat.HeaderSymbolsOffset + JournalFormat.BlockHeaderLength + 2); // inside "AAPL"
        var symbols = new SymbolTable();

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, symbols));

        Assert.Equal(temp.Path + ": byte offset 64: symbols block checksum mismatch (corrupt symbol table)", ex.Message);
        Assert.Equal(0, symbols.Count);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void TryRead_CorruptRecordPayload_ThrowsAtTheBlockOffsetAfterTheBlocksBefore(JournalCompression compression)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000, compression: compression);
        long blockOffset = Blocks(temp.Path)[3].Offset; // 14_640 uncompressed
        FlipByte(temp.Path, blockOffset + JournalFormat.BlockHeaderLength + JournalFormat.RecordPriceOffset + (compression == JournalCompression.None ? 5 * JournalFormat.RecordLength : 0));
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));
        var read = new List<MarketEvent>();
        MarketEvent e = default;

        var ex = Assert.Throws<TickFormatException>(() =>
        {
            while (reader.TryRead(ref e))
            {
                read.Add(e);
            }
        });

        Assert.Equal(compression == JournalCompression.None, blockOffset == 14_640);
        Assert.Equal(blockOffset, ex.ByteOffset);
        Assert.Equal(temp.Path, ex.File);
        Assert.Equal(
            $"{temp.Path}: byte offset {blockOffset}: records block checksum mismatch: the block of 100 records from record 300 is corrupt",
            ex.Message);
        AssertSameTicks(written.AsSpan(0, 300), read);
        Assert.Throws<TickFormatException>(() => reader.TryRead(ref e)); // a retry does not skip the bad block
        Assert.Equal(300, reader.RowsRead);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void ReadBatch_CorruptRecordPayload_ThrowsAtTheBlockOffset(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000, compression: compression);
        (long blockOffset, int blockLength, _, _) = Blocks(temp.Path)[9];
        FlipByte(temp.Path, blockOffset + blockLength - 1 - (compression == JournalCompression.None ? JournalFormat.RecordLength - 1 - JournalFormat.RecordKindOffset : 0));
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));
        var batch = new MarketEvent[256];

        var ex = Assert.Throws<TickFormatException>(() =>
        {
            while (reader.ReadBatch(batch) > 0)
            {
            }
        });

        Assert.Equal(blockOffset, ex.ByteOffset);
        Assert.Equal(900, reader.RowsRead);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void Open_CorruptBlockHeader_ThrowsAtTheBlockOffset(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000, compression: compression);
        long blockOffset = Blocks(temp.Path)[5].Offset; // 24_320 uncompressed
        FlipByte(temp.Path, blockOffset + JournalFormat.BlockCountOffset);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable()));

        Assert.Equal(blockOffset, ex.ByteOffset);
        Assert.Equal(
            $"{temp.Path}: byte offset {blockOffset}: block header checksum mismatch (corrupt, or not a block boundary)", ex.Message);
    }

    [Theory]
    // Block 7 starts at 120 + 7 × 4840 = 34 000; its records at 34 040 + i × 48.
    [InlineData(34_040 + (30 * 48) + 20, 730, 20, 70, 30)]  // inside record 30 of block 7
    [InlineData(34_040 + (30 * 48), 730, 0, 70, 30)]        // on a record boundary inside block 7
    [InlineData(34_040 + 20, 700, 60, 100, 0)]              // inside block 7's first record: its header is dropped too
    [InlineData(34_000 + 17, 700, 17, 0, 0)]                // inside block 7's header: its count is unknown
    [InlineData(34_000, 700, 0, 0, 0)]                      // on a block boundary: a clean, shorter journal
    public void TryRead_FileCut_ReturnsEveryCompleteRecordAndReportsTheDrop(
        long length, int records, long droppedBytes, int truncatedRecords, int unverified)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000);
        Cut(temp.Path, length);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));

        List<MarketEvent> read = ReadAll(reader);

        AssertSameTicks(written.AsSpan(0, records), read);
        Assert.Equal(records, reader.RecordCount);
        Assert.Equal(droppedBytes, reader.DroppedBytes);
        Assert.Equal(truncatedRecords, reader.TruncatedRecords);
        Assert.Equal(unverified, reader.UnverifiedTailRecords);
        Assert.Equal(droppedBytes > 0 || truncatedRecords > 0, reader.IsTruncated);
    }

    [Fact]
    public void TryRead_FileCutInsideSymbolsBlock_ReturnsRecordsBeforeItAndReportsTheDrop()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable(16);
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        var options = new JournalWriterOptions { RecordsPerBlock = 100, CreatedUtc = CreatedUtc, Compression = JournalCompression.None };
        using (var writer = JournalWriter.Create(temp.Path, symbols, options))
        {
            for (int i = 0; i < 150; i++)
            {
                writer.Append(MarketEvent.Trade(aapl, FixedPoint.FromInt(100 + i), FixedPoint.FromInt(1), i));
            }

            SymbolId btc = symbols.GetOrAdd("BTCUSDT");
            for (int i = 150; i < 200; i++)
            {
                writer.Append(MarketEvent.Trade(btc, FixedPoint.FromInt(100 + i), FixedPoint.FromInt(1), i));
            }
        }

        // Header 64 + 40 + 8 ("\x04AAPL" padded) = 112; records block 0 ends at 112 + 4840 = 4952; then the Symbols block
        // naming BTCUSDT (40 + 8), then the records block that first uses it.
        byte[] bytes = File.ReadAllBytes(temp.Path);
        Assert.Equal((byte)JournalBlockType.Symbols, bytes[4_952 + JournalFormat.BlockTypeOffset]);
        Assert.Equal((byte)JournalBlockType.Records, bytes[5_000 + JournalFormat.BlockTypeOffset]);
        Cut(temp.Path, 4_952 + 45);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));

        List<MarketEvent> read = ReadAll(reader);

        Assert.Equal(100, read.Count);
        Assert.Equal(99, read[^1].TimestampNs);
        Assert.Equal(45, reader.DroppedBytes);
        Assert.Equal(0, reader.TruncatedRecords);
        Assert.Equal(["AAPL"], reader.SymbolNames);
    }

    [Fact]
    public void TryRead_AfterDispose_ThrowsObjectDisposed()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 10);
        var reader = JournalReader.Open(temp.Path, new SymbolTable(16));
        MarketEvent e = default;
        Assert.True(reader.TryRead(ref e));

        reader.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.TryRead(ref e));
    }

    private static void Append(JournalWriter writer, MarketEventGenerator generator, int count, List<MarketEvent> written)
    {
        MarketEvent e = default;
        for (int i = 0; i < count; i++)
        {
            generator.Next(ref e);
            // Stage fields and the ingest stamp are not stored: the reader must hand them back as zero.
            e.IngestTimestampNs = 123_456;
            e.RollingVwap = FixedPoint.FromInt(7);
            e.FilterReason = FilterReason.StaleTimestamp;
            e.Signal = SignalSide.Sell;
            writer.Append(in e);
            written.Add(e);
        }
    }
}
