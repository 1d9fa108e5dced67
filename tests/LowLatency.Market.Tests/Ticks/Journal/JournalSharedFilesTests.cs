using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;
using LowLatency.Ticks.Journal;
using static LowLatency.Market.Tests.Ticks.Journal.JournalTestData;

namespace LowLatency.Market.Tests.Ticks.Journal;

/// <summary>Every shared real tick file round-trips through a journal exactly, under every codec (skipped where the
/// shared files are absent).</summary>
public sealed class JournalSharedFilesTests
{
    public static TheoryData<string> SharedFiles =>
    [
        "lean/equity/usa/tick/spy/20131007_trade.zip",
        "lean/equity/usa/tick/spy/20131008_trade.zip",
        "lean/equity/usa/tick/aig/20131007_trade.zip",
        "lean/equity/usa/tick/bac/20131007_trade.zip",
        "lean/equity/usa/tick/bac/20131007_quote.zip",
        "lean/equity/usa/tick/ibm/20131007_trade.zip",
        "lean/equity/usa/tick/ibm/20131007_quote.zip",
        "lean/forex/fxcm/tick/eurusd/20140501_quote.zip",
        "lean/forex/oanda/tick/eurusd/20140501_quote.zip",
        "lean/cfd/oanda/tick/xauusd/20140504_quote.zip",
        "lean/future/comex/tick/gc/20131007_trade.zip",
        "hftbacktest/spot/btcusdt_20240808.gz",
        "hftbacktest/cm/btcusd_perp_20240808.gz",
    ];

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void TryRead_SharedFileJournaled_ReturnsEveryEventUnderEveryCodec(string file)
    {
        string path = SharedData.RequireTickFile(file);
        var symbols = new SymbolTable(64);
        MarketEvent[] source = ReadSource(path, symbols);
        Assert.NotEmpty(source);

        foreach (JournalCompression compression in (JournalCompression[])[JournalCompression.None, JournalCompression.Lz4, JournalCompression.Zstd])
        {
            using var temp = new TempJournal();
            using (var writer = JournalWriter.Create(temp.Path, symbols, new JournalWriterOptions { Compression = compression }))
            {
                foreach (MarketEvent e in source)
                {
                    writer.Append(in e);
                }
            }

            // The reading table is fresh and the writer's header named every symbol in table order: the ids coincide.
            using var reader = JournalReader.Open(temp.Path, new SymbolTable(64));
            AssertSameTicks(source, ReadAll(reader));
            Assert.True(reader.Losses.IsComplete);
            // Every block but a short last one shrinks under either codec.
            var records = Blocks(temp.Path).Where(b => b.Type == JournalBlockType.Records).ToList();
            Assert.All(records[..^1], b => Assert.Equal(compression, b.Compression));
        }
    }

    private static MarketEvent[] ReadSource(string path, SymbolTable symbols)
    {
        var events = new List<MarketEvent>();
        var e = default(MarketEvent);
        foreach (ITickSource source in TickSources.Open(path, symbols, new TickReadOptions()))
        {
            using (source)
            {
                while (source.TryRead(ref e))
                {
                    events.Add(e);
                }
            }
        }

        return [.. events];
    }
}
