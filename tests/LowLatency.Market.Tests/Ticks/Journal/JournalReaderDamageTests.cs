using System.Buffers.Binary;
using System.IO.Hashing;
using LowLatency.Ticks;
using LowLatency.Ticks.Journal;
using static LowLatency.Market.Tests.Ticks.Journal.JournalTestData;

namespace LowLatency.Market.Tests.Ticks.Journal;

/// <summary>
/// Torn ends and damaged blocks: what is recovered, what is skipped, and that every loss is reported, for uncompressed
/// and compressed journals alike (offsets come from the block headers: a compressed block's length depends on its records).
/// </summary>
public sealed class JournalReaderDamageTests
{
    private static readonly TickReadOptions Skip = new() { SkipBadRows = true };

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void Open_FileCutInsideABlock_ReportsPartialBlockAndEventsRecovered(JournalCompression compression)
    {
        using var temp = new TempJournal();
        List<(long Offset, int Length, JournalBlockType, JournalCompression)> blocks = WriteClassicBlocks(temp.Path, compression);
        long block7 = blocks[7].Offset;
        long cut = compression == JournalCompression.None ? block7 + 40 + (30 * 48) + 20 : block7 + 40 + (blocks[7].Length / 2);
        Cut(temp.Path, cut);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));

        // A torn compressed block cannot be decompressed from part of it: its records are lost with it.
        string recovered = compression == JournalCompression.None
            ? "730 events recovered, the last 20 bytes and 70 records of the partial block lost"
            : $"700 events recovered, the last {cut - block7:N0} bytes and 100 records of the partial block lost";
        Assert.Equal(compression == JournalCompression.None ? 730 : 700, ReadAll(reader).Count);
        Assert.Equal(
            $"{temp.Path}: journal ends in a partial block at byte {block7}; {recovered} (the writer did not finish)",
            Assert.Single(reader.Losses.Damage));
        Assert.Equal(0, reader.SkippedRows);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void Open_FileCutInsideABlockHeader_ReportsTheBytesLost(JournalCompression compression)
    {
        using var temp = new TempJournal();
        long block7 = WriteClassicBlocks(temp.Path, compression)[7].Offset;
        Cut(temp.Path, block7 + 17);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));

        Assert.Equal(700, ReadAll(reader).Count);

        Assert.Equal(
            $"{temp.Path}: journal ends in a partial block at byte {block7}; 700 events recovered, the last 17 bytes lost (the writer did not finish)",
            Assert.Single(reader.Losses.Damage));
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void Open_CleanFile_IsComplete(JournalCompression compression)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000, compression: compression);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        AssertSameTicks(written, ReadAll(reader));

        Assert.True(reader.Losses.IsComplete);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void Open_CorruptBlockHeaderWhenSkipping_ResumesAtTheNextBlockAndCountsExactly(JournalCompression compression)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000, compression: compression);
        var blocks = Blocks(temp.Path);
        FlipByte(temp.Path, blocks[5].Offset + JournalFormat.BlockCountOffset);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        AssertSameTicks([.. written[..500], .. written[600..]], read);
        Assert.Equal(100, reader.SkippedRows);
        Assert.Equal("100 (in damaged journal blocks 100)", reader.Losses.DescribeSkipped());
        Assert.Equal(
            $"{temp.Path}: byte offset {blocks[5].Offset}: block header checksum mismatch (corrupt, or not a block boundary): skipped {blocks[5].Length:N0} bytes, 100 records; resumed at the next valid block at byte {blocks[6].Offset}",
            Assert.Single(reader.Losses.Damage));
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void Open_TwoCorruptBlockHeadersWhenSkipping_CountsEachRange(JournalCompression compression)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000, compression: compression);
        var blocks = Blocks(temp.Path);
        FlipByte(temp.Path, blocks[2].Offset + JournalFormat.BlockFirstIndexOffset);
        FlipByte(temp.Path, blocks[3].Offset + 5); // two in a row: one range
        FlipByte(temp.Path, blocks[8].Offset);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        AssertSameTicks([.. written[..200], .. written[400..800], .. written[900..]], read);
        Assert.Equal(300, reader.SkippedRows);
        Assert.Equal(2, reader.Losses.Damage.Count);
        Assert.EndsWith(
            $"skipped {blocks[2].Length + blocks[3].Length:N0} bytes, 200 records; resumed at the next valid block at byte {blocks[4].Offset}",
            reader.Losses.Damage[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void Open_CorruptLastBlockHeaderWhenSkipping_ReportsTheBytesToTheEnd(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000, compression: compression);
        var blocks = Blocks(temp.Path);
        FlipByte(temp.Path, blocks[9].Offset + 1);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        Assert.Equal(900, ReadAll(reader).Count);

        Assert.Equal(
            $"{temp.Path}: byte offset {blocks[9].Offset}: block header checksum mismatch (corrupt, or not a block boundary): skipped {blocks[9].Length:N0} bytes, an unknown number of records; no valid block after it",
            Assert.Single(reader.Losses.Damage));
        Assert.False(reader.Losses.IsComplete);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void TryRead_CorruptRecordPayloadWhenSkipping_SkipsThatBlockOnly(JournalCompression compression)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000, compression: compression);
        var blocks = Blocks(temp.Path);
        FlipByte(temp.Path, blocks[3].Offset + 40 + Math.Min(1_000, (blocks[3].Length - 40) / 2));
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        AssertSameTicks([.. written[..300], .. written[400..]], read);
        Assert.Equal(100, reader.SkippedRows);
        Assert.Equal(900, reader.RecordCount);
        Assert.Equal(
            $"{temp.Path}: byte offset {blocks[3].Offset}: records block checksum mismatch: the block of 100 records from record 300 is corrupt; its 100 records were skipped",
            Assert.Single(reader.Losses.Damage));
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void ReadBatch_CorruptRecordPayloadWhenSkipping_ReturnsTheOtherBlocks(JournalCompression compression)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000, compression: compression);
        FlipByte(temp.Path, Blocks(temp.Path)[0].Offset + 40 + 7);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);
        var batch = new MarketEvent[333];
        var read = new List<MarketEvent>();

        for (int n; (n = reader.ReadBatch(batch)) > 0;)
        {
            read.AddRange(batch.AsSpan(0, n));
        }

        AssertSameTicks(written.AsSpan(100), read);
        Assert.Equal(100, reader.SkippedRows);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void TryRead_CorruptSymbolsBlockWhenSkipping_SkipsRecordsOfTheLostSymbolOnly(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteWithLateSymbol(temp.Path, compression);
        long symbolsBlock = Blocks(temp.Path).Single(b => b.Type == JournalBlockType.Symbols).Offset;
        FlipByte(temp.Path, symbolsBlock + 40 + 2); // inside "\x07BTCUSDT"
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        Assert.Equal(150, read.Count);
        Assert.Equal(200, reader.RowsRead);
        Assert.Equal("50 (symbol lost with a damaged block 50)", reader.Losses.DescribeSkipped());
        Assert.Equal(
            $"{temp.Path}: byte offset {symbolsBlock}: symbols block checksum mismatch (corrupt symbol table): 1 symbol definitions lost; records of those symbols are skipped",
            Assert.Single(reader.Losses.Damage));
        Assert.Equal(["AAPL", "<symbol 1: definition lost>"], reader.SymbolNames);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void TryRead_CorruptRecordsHeaderBeforeASymbolsBlockWhenSkipping_ResumesThereAndKeepsTheLaterRecords(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteWithLateSymbol(temp.Path, compression);
        var blocks = Blocks(temp.Path);
        Assert.Equal(JournalBlockType.Symbols, blocks[1].Type);
        FlipByte(temp.Path, blocks[0].Offset + JournalFormat.BlockCountOffset); // block 0 (records 0..99), just before the symbols block
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        // Resumed at the symbols block; the records block after it starts at record 100, past the count the gap left
        // at 0, and is taken, not skipped as out of sequence.
        Assert.Equal([.. Enumerable.Range(100, 100).Select(i => (long)i)], read.Select(e => e.TimestampNs));
        Assert.Equal("100 (in damaged journal blocks 100)", reader.Losses.DescribeSkipped());
        Assert.Contains($"100 records; resumed at the next valid block at byte {blocks[1].Offset}", Assert.Single(reader.Losses.Damage), StringComparison.Ordinal);
        Assert.Equal(["AAPL", "BTCUSDT"], reader.SymbolNames);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void Open_CorruptBlockHeaderWithoutSkipping_StillThrowsAtTheBlockOffset(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000, compression: compression);
        long block5 = Blocks(temp.Path)[5].Offset;
        FlipByte(temp.Path, block5 + JournalFormat.BlockCountOffset);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(block5, ex.ByteOffset);
    }

    [Theory]
    [InlineData(JournalCompression.Lz4)]
    [InlineData(JournalCompression.Zstd)]
    public void TryRead_CompressedBlockThatPassesItsChecksumButDoesNotDecompress_IsCountedLikeACorruptBlock(JournalCompression compression)
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000, compression: compression);
        long block4 = Blocks(temp.Path)[4].Offset;
        BreakCodecStreamKeepingChecksums(temp.Path, block4);

        using (var strict = JournalReader.Open(temp.Path, new SymbolTable(16)))
        {
            var ex = Assert.Throws<TickFormatException>(() => ReadAll(strict));
            Assert.Equal(block4, ex.ByteOffset);
            Assert.Contains("compressed records block does not decompress: the block of 100 records from record 400 is corrupt", ex.Message, StringComparison.Ordinal);
        }

        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        AssertSameTicks([.. written[..400], .. written[500..]], ReadAll(reader));
        Assert.Equal("100 (in damaged journal blocks 100)", reader.Losses.DescribeSkipped());
        Assert.Equal(900, reader.RecordCount);
    }

    // Overwrites the codec output of the block at blockOffset with garbage, then rewrites its payload and header
    // checksums: what a writer bug or a crafted file looks like (a flipped bit fails the checksum first).
    private static void BreakCodecStreamKeepingChecksums(string path, long blockOffset)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Span<byte> header = bytes.AsSpan((int)blockOffset, JournalFormat.BlockHeaderLength);
        int stored = BinaryPrimitives.ReadInt32LittleEndian(header[JournalFormat.BlockPayloadLengthOffset..]);
        Span<byte> payload = bytes.AsSpan((int)blockOffset + JournalFormat.BlockHeaderLength, stored);
        payload.Fill(0xFF);
        BinaryPrimitives.WriteUInt64LittleEndian(header[JournalFormat.BlockPayloadChecksumOffset..], XxHash3.HashToUInt64(payload));
        BinaryPrimitives.WriteUInt64LittleEndian(header[JournalFormat.BlockHeaderChecksumOffset..], XxHash3.HashToUInt64(header[..JournalFormat.BlockHeaderChecksumOffset]));
        File.WriteAllBytes(path, bytes);
    }

    // 1 000 Classic events in blocks of 100; asserts every records block is stored as asked, so a compressed run
    // really exercises compressed blocks.
    private static List<(long Offset, int Length, JournalBlockType Type, JournalCompression Compression)> WriteClassicBlocks(
        string path, JournalCompression compression)
    {
        WriteClassic(path, 1_000, compression: compression);
        var blocks = Blocks(path);
        Assert.Equal(10, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(compression, b.Compression));
        return blocks;
    }

    // 150 AAPL trades, then BTCUSDT defined in its own Symbols block (after block 0), then 50 BTCUSDT trades.
    private static void WriteWithLateSymbol(string path, JournalCompression compression)
    {
        var symbols = new SymbolTable(16);
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        var options = new JournalWriterOptions { RecordsPerBlock = 100, CreatedUtc = CreatedUtc, Compression = compression };
        using var writer = JournalWriter.Create(path, symbols, options);
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
}
