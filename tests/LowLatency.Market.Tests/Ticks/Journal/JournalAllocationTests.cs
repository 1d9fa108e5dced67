using LowLatency.Market.Generation;
using LowLatency.Ticks.Journal;

namespace LowLatency.Market.Tests.Ticks.Journal;

[Collection(ZeroAllocationCollection.Name)]
public sealed class JournalAllocationTests
{
    private const int Events = 100_000;

    // AllocationProbe.Measure runs the body up to five times; the file holds enough records for every run.
    private const int FileEvents = 5 * Events;

    [Theory]
    [MemberData(nameof(JournalTestData.Compressions), MemberType = typeof(JournalTestData))]
    public void Append_SteadyState_AllocatesNothingPerEvent(JournalCompression compression)
    {
        using var temp = new TempJournal();
        var symbols = new SymbolTable(16);
        var generator = new MarketEventGenerator(symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk });
        MarketEvent[] events = new MarketEvent[1_024];
        for (int i = 0; i < events.Length; i++)
        {
            generator.Next(ref events[i]);
        }

        using var writer = JournalWriter.Create(temp.Path, symbols, new JournalWriterOptions { Compression = compression });
        writer.Append(in events[0]); // the first block compressed creates the Zstandard context
        writer.Flush();

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < Events; i++)
            {
                writer.Append(in events[i & 1_023]);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(JournalTestData.Compressions), MemberType = typeof(JournalTestData))]
    public void TryRead_SteadyState_AllocatesNothingPerEvent(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteRandomWalk(temp.Path, compression);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));
        var ring = new MarketEvent[1_024];
        long sequence = 0;

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < Events; i++)
            {
                Assert.True(reader.TryRead(ref ring[sequence++ & 1_023]));
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(JournalTestData.Compressions), MemberType = typeof(JournalTestData))]
    public void ReadBatch_SteadyState_AllocatesNothingPerEvent(JournalCompression compression)
    {
        using var temp = new TempJournal();
        WriteRandomWalk(temp.Path, compression);
        using var reader = JournalReader.Open(temp.Path, new SymbolTable(16));
        var batch = new MarketEvent[500];

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int read = 0; read < Events;)
            {
                read += reader.ReadBatch(batch);
            }
        });

        Assert.Equal(0, allocated);
    }

    // Every records block stored as asked, so the compressed runs read compressed blocks only.
    private static void WriteRandomWalk(string path, JournalCompression compression)
    {
        var symbols = new SymbolTable(16);
        var generator = new MarketEventGenerator(symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk });
        using (var writer = JournalWriter.Create(path, symbols, new JournalWriterOptions { Compression = compression }))
        {
            MarketEvent e = default;
            for (int i = 0; i < FileEvents; i++)
            {
                generator.Next(ref e);
                writer.Append(in e);
            }
        }

        Assert.All(JournalTestData.Blocks(path).Where(b => b.Type == JournalBlockType.Records), b => Assert.Equal(compression, b.Compression));
    }
}
