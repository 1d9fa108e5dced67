using LowLatency.Ticks;
using LowLatency.Ticks.Journal;
using static LowLatency.Market.Tests.Ticks.Journal.JournalTestData;

namespace LowLatency.Market.Tests.Ticks.Journal;

/// <summary>Torn ends and damaged blocks: what is recovered, what is skipped, and that every loss is reported.</summary>
public sealed class JournalReaderDamageTests
{
    // WriteClassic(1_000) in blocks of 100: block k starts at 120 + k × 4 840.
    private static long BlockOffset(int block) => ThreeSymbolHeaderLength + (block * HundredRecordBlockLength);

    private static readonly TickReadOptions Skip = new() { SkipBadRows = true };

    [Fact]
    public void Open_FileCutInsideABlock_ReportsPartialBlockAndEventsRecovered()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000);
        Cut(temp.Path, BlockOffset(7) + 40 + (30 * 48) + 20);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));

        Assert.Equal(730, ReadAll(reader).Count);

        Assert.Equal(
            temp.Path + ": journal ends in a partial block at byte 34000; 730 events recovered, the last 20 bytes and 70 records of the partial block lost (the writer did not finish)",
            Assert.Single(reader.Losses.Damage));
        Assert.Equal(0, reader.SkippedRows);
    }

    [Fact]
    public void Open_FileCutInsideABlockHeader_ReportsTheBytesLost()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000);
        Cut(temp.Path, BlockOffset(7) + 17);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));

        Assert.Equal(700, ReadAll(reader).Count);

        Assert.Equal(
            temp.Path + ": journal ends in a partial block at byte 34000; 700 events recovered, the last 17 bytes lost (the writer did not finish)",
            Assert.Single(reader.Losses.Damage));
    }

    [Fact]
    public void Open_CleanFile_IsComplete()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        Assert.Equal(1_000, ReadAll(reader).Count);

        Assert.True(reader.Losses.IsComplete);
    }

    [Fact]
    public void Open_CorruptBlockHeaderWhenSkipping_ResumesAtTheNextBlockAndCountsExactly()
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000);
        FlipByte(temp.Path, BlockOffset(5) + JournalFormat.BlockCountOffset);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        AssertSameTicks([.. written[..500], .. written[600..]], read);
        Assert.Equal(100, reader.SkippedRows);
        Assert.Equal("100 (in damaged journal blocks 100)", reader.Losses.DescribeSkipped());
        Assert.Equal(
            temp.Path + ": byte offset 24320: block header checksum mismatch (corrupt, or not a block boundary): skipped 4,840 bytes, 100 records; resumed at the next valid block at byte 29160",
            Assert.Single(reader.Losses.Damage));
    }

    [Fact]
    public void Open_TwoCorruptBlockHeadersWhenSkipping_CountsEachRange()
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000);
        FlipByte(temp.Path, BlockOffset(2) + JournalFormat.BlockFirstIndexOffset);
        FlipByte(temp.Path, BlockOffset(3) + 5); // two in a row: one range
        FlipByte(temp.Path, BlockOffset(8));
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        AssertSameTicks([.. written[..200], .. written[400..800], .. written[900..]], read);
        Assert.Equal(300, reader.SkippedRows);
        Assert.Equal(2, reader.Losses.Damage.Count);
        Assert.EndsWith("skipped 9,680 bytes, 200 records; resumed at the next valid block at byte 19480", reader.Losses.Damage[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CorruptLastBlockHeaderWhenSkipping_ReportsTheBytesToTheEnd()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000);
        FlipByte(temp.Path, BlockOffset(9) + 1);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        Assert.Equal(900, ReadAll(reader).Count);

        Assert.Equal(
            temp.Path + ": byte offset 43680: block header checksum mismatch (corrupt, or not a block boundary): skipped 4,840 bytes, an unknown number of records; no valid block after it",
            Assert.Single(reader.Losses.Damage));
        Assert.False(reader.Losses.IsComplete);
    }

    [Fact]
    public void TryRead_CorruptRecordPayloadWhenSkipping_SkipsThatBlockOnly()
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000);
        FlipByte(temp.Path, BlockOffset(3) + 40 + 1_000);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        AssertSameTicks([.. written[..300], .. written[400..]], read);
        Assert.Equal(100, reader.SkippedRows);
        Assert.Equal(900, reader.RecordCount);
        Assert.Equal(
            temp.Path + ": byte offset 14640: records block checksum mismatch: the block of 100 records from record 300 is corrupt; its 100 records were skipped",
            Assert.Single(reader.Losses.Damage));
    }

    [Fact]
    public void ReadBatch_CorruptRecordPayloadWhenSkipping_ReturnsTheOtherBlocks()
    {
        using var temp = new TempJournal();
        MarketEvent[] written = WriteClassic(temp.Path, 1_000);
        FlipByte(temp.Path, BlockOffset(0) + 40 + 7);
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

    [Fact]
    public void TryRead_CorruptSymbolsBlockWhenSkipping_SkipsRecordsOfTheLostSymbolOnly()
    {
        using var temp = new TempJournal();
        WriteWithLateSymbol(temp.Path);
        FlipByte(temp.Path, 4_952 + 40 + 2); // inside "\x07BTCUSDT"
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        Assert.Equal(150, read.Count);
        Assert.Equal(200, reader.RowsRead);
        Assert.Equal("50 (symbol lost with a damaged block 50)", reader.Losses.DescribeSkipped());
        Assert.Equal(
            temp.Path + ": byte offset 4952: symbols block checksum mismatch (corrupt symbol table): 1 symbol definitions lost; records of those symbols are skipped",
            Assert.Single(reader.Losses.Damage));
        Assert.Equal(["AAPL", "<symbol 1: definition lost>"], reader.SymbolNames);
    }

    [Fact]
    public void TryRead_CorruptRecordsHeaderBeforeASymbolsBlockWhenSkipping_ResumesThereAndKeepsTheLaterRecords()
    {
        using var temp = new TempJournal();
        WriteWithLateSymbol(temp.Path);
        FlipByte(temp.Path, 4_952 - 4_840 + JournalFormat.BlockCountOffset); // block 0 (records 0..99), just before the symbols block
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16), Skip);

        List<MarketEvent> read = ReadAll(reader);

        // Resumed at the symbols block; the records block after it starts at record 100, past the count the gap left
        // at 0, and is taken, not skipped as out of sequence.
        Assert.Equal([.. Enumerable.Range(100, 100).Select(i => (long)i)], read.Select(e => e.TimestampNs));
        Assert.Equal("100 (in damaged journal blocks 100)", reader.Losses.DescribeSkipped());
        Assert.Contains("100 records; resumed at the next valid block at byte 4952", Assert.Single(reader.Losses.Damage), StringComparison.Ordinal);
        Assert.Equal(["AAPL", "BTCUSDT"], reader.SymbolNames);
    }

    [Fact]
    public void Open_CorruptBlockHeaderWithoutSkipping_StillThrowsAtTheBlockOffset()
    {
        using var temp = new TempJournal();
        WriteClassic(temp.Path, 1_000);
        FlipByte(temp.Path, BlockOffset(5) + JournalFormat.BlockCountOffset);

        var ex = Assert.Throws<TickFormatException>(() => JournalReader.Open(temp.Path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(BlockOffset(5), ex.ByteOffset);
    }

    // 150 AAPL trades, then BTCUSDT defined in its own Symbols block at 4 952 (after block 0), then 50 BTCUSDT trades.
    private static void WriteWithLateSymbol(string path)
    {
        var symbols = new SymbolTable(16);
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        var options = new JournalWriterOptions { RecordsPerBlock = 100, CreatedUtc = CreatedUtc };
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
