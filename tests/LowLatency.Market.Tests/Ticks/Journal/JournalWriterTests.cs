using LowLatency.Ticks.Journal;
using static LowLatency.Market.Tests.Ticks.Journal.JournalTestData;

namespace LowLatency.Market.Tests.Ticks.Journal;

public sealed class JournalWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(JournalFormat.MaxRecordsPerBlock + 1)]
    public void Create_RecordsPerBlockOutOfRange_Throws(int recordsPerBlock)
    {
        using var temp = new TempJournal();
        var options = new JournalWriterOptions { RecordsPerBlock = recordsPerBlock };

        Assert.Throws<ArgumentOutOfRangeException>(() => JournalWriter.Create(temp.Path, new SymbolTable(), options));
        Assert.False(File.Exists(temp.Path));
    }

    [Fact]
    public void Create_LocalCreationTime_Throws()
    {
        using var temp = new TempJournal();
        var options = new JournalWriterOptions { CreatedUtc = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Local) };

        Assert.Throws<ArgumentException>(() => JournalWriter.Create(temp.Path, new SymbolTable(), options));
    }

    [Fact]
    public void Create_NoCreationTime_StampsTheCurrentTime()
    {
        using var temp = new TempJournal();
        DateTime before = DateTime.UtcNow;
        JournalWriter.Create(temp.Path, new SymbolTable()).Dispose();
        DateTime after = DateTime.UtcNow;

        using var reader = JournalReader.Open(temp.Path, new SymbolTable());

        Assert.InRange(reader.Header.CreatedUtc, before, after);
        Assert.Empty(reader.Header.Symbols);
    }

    [Fact]
    public void Append_KindNone_Throws()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable();
        using var writer = JournalWriter.Create(temp.Path, symbols);
        var e = new MarketEvent { Symbol = symbols.GetOrAdd("AAPL") };

        Assert.Throws<ArgumentException>(() => writer.Append(in e));
        Assert.Equal(0, writer.RecordCount);
    }

    [Fact]
    public void Append_SymbolNotInTable_Throws()
    {
        using var temp = new TempJournal();
        using var writer = JournalWriter.Create(temp.Path, new SymbolTable());
        MarketEvent e = MarketEvent.Trade(new SymbolId(5), FixedPoint.FromInt(1), FixedPoint.FromInt(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Append(in e));
    }

    [Fact]
    public void Append_SymbolLongerThan255Utf8Bytes_Throws()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable();
        using var writer = JournalWriter.Create(temp.Path, symbols);
        MarketEvent e = MarketEvent.Trade(symbols.GetOrAdd(new string('X', 256)), FixedPoint.FromInt(1), FixedPoint.FromInt(1));

        Assert.Throws<ArgumentException>(() => writer.Append(in e));
    }

    [Fact]
    public void Append_AfterDispose_ThrowsObjectDisposed()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable();
        var writer = JournalWriter.Create(temp.Path, symbols);
        MarketEvent e = MarketEvent.Trade(symbols.GetOrAdd("AAPL"), FixedPoint.FromInt(1), FixedPoint.FromInt(1));
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.Append(in e));
        Assert.Throws<ObjectDisposedException>(() => writer.Flush());
        writer.Dispose(); // idempotent
    }

    [Fact]
    public void Append_FullBlock_WritesItWithoutFlush()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        var options = new JournalWriterOptions { RecordsPerBlock = 10, Compression = JournalCompression.None };
        using var writer = JournalWriter.Create(temp.Path, symbols, options);
        long headerLength = writer.Length; // 64 + 40 + 8

        for (int i = 0; i < 25; i++)
        {
            writer.Append(MarketEvent.Trade(aapl, FixedPoint.FromInt(1), FixedPoint.FromInt(1), i));
        }

        Assert.Equal(112, headerLength);
        Assert.Equal(112 + (2 * (40 + (10 * 48))), writer.Length); // two full blocks out, five records buffered
        Assert.Equal(25, writer.RecordCount);
        writer.Flush();
        Assert.Equal(112 + (2 * (40 + (10 * 48))) + 40 + (5 * 48), writer.Length);
        Assert.Equal(writer.Length, new FileInfo(temp.Path).Length);
    }

    [Fact]
    public void Flush_WhileWriterOpen_ReaderSeesEveryRecordAsACompleteJournal()
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        using (var writer = JournalWriter.Create(temp.Path, symbols))
        {
            for (int i = 0; i < 10; i++)
            {
                writer.Append(MarketEvent.Trade(aapl, FixedPoint.FromInt(100 + i), FixedPoint.FromInt(1), i));
            }

            writer.Flush(toDisk: true);

            // What a killed process leaves once Flush has returned.
            using (var reader = JournalReader.Open(temp.Path, new SymbolTable()))
            {
                Assert.Equal(10, ReadAll(reader).Count);
                Assert.False(reader.IsTruncated);
            }

            SymbolId msft = symbols.GetOrAdd("MSFT");
            for (int i = 10; i < 15; i++)
            {
                writer.Append(MarketEvent.Quote(msft, FixedPoint.FromInt(99), FixedPoint.FromInt(2), FixedPoint.FromInt(101), FixedPoint.FromInt(3), i));
            }
        }

        var readSymbols = new SymbolTable();
        using var all = JournalReader.Open(temp.Path, readSymbols);
        List<MarketEvent> read = ReadAll(all);

        Assert.Equal(15, read.Count);
        Assert.Equal(["AAPL", "MSFT"], all.SymbolNames);
        Assert.Equal(MarketEventKind.Quote, read[14].Kind);
        Assert.Equal("MSFT", readSymbols.GetName(read[14].Symbol));
        Assert.Equal(FixedPoint.FromInt(101), read[14].AskPrice);
        Assert.Equal(FixedPoint.FromInt(3), read[14].AskSize);
    }

    [Fact]
    public void Create_SameInputAndCreationTime_WritesIdenticalBytes()
    {
        using var first = new TempJournal();
        using var second = new TempJournal();

        WriteClassic(first.Path, 1_000);
        WriteClassic(second.Path, 1_000);

        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        Assert.Equal(ThreeSymbolHeaderLength + (10 * HundredRecordBlockLength), new FileInfo(first.Path).Length);
    }
}
