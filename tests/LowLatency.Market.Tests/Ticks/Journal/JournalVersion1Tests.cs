using LowLatency.Ticks.Journal;
using static LowLatency.Market.Tests.Ticks.Journal.JournalTestData;

namespace LowLatency.Market.Tests.Ticks.Journal;

/// <summary>
/// Journals written before block compression (format version 1) still read. The fixture was written by the version 1
/// writer (commit "Journal: a format version 1 fixture") from <see cref="Version1Events"/>; it is never rewritten.
/// </summary>
public sealed class JournalVersion1Tests
{
    /// <summary>Two header symbols, BTCUSDT defined mid-file, trades and quotes, some off-market; blocks of 100 records,
    /// the last one partial (260 records).</summary>
    public static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Ticks", "Journal", "Fixtures", "journal-v1.lltj");

    [Fact]
    public void Open_Version1Fixture_ReadsTheEventsItWasWrittenFrom()
    {
        var symbols = new SymbolTable(16);
        using var reader = JournalReader.Open(FixturePath, symbols);

        List<MarketEvent> read = ReadAll(reader);

        var expectedSymbols = new SymbolTable(16);
        AssertSameTicks(Version1Events(expectedSymbols), read);
        Assert.Equal(1, reader.Header.FormatVersion);
        Assert.Equal(CreatedUtc, reader.Header.CreatedUtc);
        Assert.Equal(["SPY", "EURUSD"], reader.Header.Symbols);
        Assert.Equal(["SPY", "EURUSD", "BTCUSDT"], reader.SymbolNames);
        Assert.Equal(260, reader.RecordCount);
        Assert.True(reader.Losses.IsComplete);
    }

    /// <summary>An uncompressed journal today is the version 1 file, byte for byte (same events, blocks of 100, same
    /// creation time), so builds from before compression read what <c>--compression none</c> writes.</summary>
    [Fact]
    public void Create_Uncompressed_WritesTheVersion1FileByteForByte()
    {
        using var temp = new TempJournal();
        MarketEvent[] events = Version1Events(new SymbolTable(16));
        var symbols = new SymbolTable(16);
        symbols.GetOrAdd("SPY"); // the header table; BTCUSDT is defined where it is first used
        symbols.GetOrAdd("EURUSD");
        var options = new JournalWriterOptions { RecordsPerBlock = 100, CreatedUtc = CreatedUtc, Compression = JournalCompression.None };
        using (var writer = JournalWriter.Create(temp.Path, symbols, options))
        {
            symbols.GetOrAdd("BTCUSDT");
            foreach (MarketEvent e in events)
            {
                writer.Append(in e);
            }
        }

        Assert.Equal(File.ReadAllBytes(FixturePath), File.ReadAllBytes(temp.Path));
    }

    [Theory]
    [InlineData(JournalCompression.Lz4)]
    [InlineData(JournalCompression.Zstd)]
    public void Create_Compressed_WritesFormatVersion2(JournalCompression compression)
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable(16);
        MarketEvent[] events = Version1Events(symbols);
        using (var writer = JournalWriter.Create(temp.Path, symbols, new JournalWriterOptions { Compression = compression }))
        {
            foreach (MarketEvent e in events)
            {
                writer.Append(in e);
            }
        }

        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));
        Assert.Equal(2, reader.Header.FormatVersion);
        AssertSameTicks(events, ReadAll(reader));
    }

    /// <summary>The fixture's events; interns SPY and EURUSD first (the header table), BTCUSDT at event 120.</summary>
    public static MarketEvent[] Version1Events(SymbolTable symbols)
    {
        SymbolId spy = symbols.GetOrAdd("SPY");
        SymbolId eurusd = symbols.GetOrAdd("EURUSD");
        var events = new MarketEvent[260];
        for (int i = 0; i < events.Length; i++)
        {
            SymbolId symbol = i < 120 ? (i % 2 == 0 ? spy : eurusd) : symbols.GetOrAdd(i % 3 == 1 ? "BTCUSDT" : "SPY");
            long ts = 1_380_000_000_000_000_000 + (i * 1_000_003L);
            FixedPoint price = FixedPoint.FromRaw(16_700_000_000 + (i * 37L));
            FixedPoint size = FixedPoint.FromRaw(100_000_000L * (1 + (i % 7)));
            events[i] = i % 3 == 0
                ? MarketEvent.Quote(symbol, price, size, FixedPoint.FromRaw(price.Raw + 1_000_000), FixedPoint.FromRaw(size.Raw * 2), ts)
                : MarketEvent.Trade(symbol, price, size, ts);
            if (i % 17 == 1)
            {
                events[i].Flags = MarketEventFlags.OffMarketPrint;
            }
        }

        return events;
    }
}
