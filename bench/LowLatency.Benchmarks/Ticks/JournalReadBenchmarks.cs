using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Macro;
using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;
using LowLatency.Ticks.Journal;

namespace LowLatency.Benchmarks.Ticks;

/// <summary>
/// The journal reader alone, per codec: the shared SPY 2013-10-08 trade day (451 545 ticks) journaled uncompressed,
/// LZ4 and Zstandard, then opened and read to the end into a 1024-slot array, as replay fills its ring (open, block
/// checksums and decompression included; no pipeline). Separates what a codec costs replay from the pipeline's noise.
/// The CLI runs with TieredCompilation off; to match it (a run this short otherwise measures the codecs' loops at tier 0):
/// <c>--filter '*JournalRead*' --envVars DOTNET_TieredCompilation:0</c>.
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class JournalReadBenchmarks
{
    private readonly MarketEvent[] _slots = new MarketEvent[1024];
    private string _journal = "";

    [Params(JournalCompression.None, JournalCompression.Lz4, JournalCompression.Zstd)]
    public JournalCompression Compression { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string spy = TickSamples.SpyTradingDayZip()
            ?? throw new InvalidOperationException("The shared SPY sample (../shared/data/ticks) is not beside the repository.");
        _journal = Path.Combine(Path.GetTempPath(), $"lowlatency-bench-{Environment.ProcessId}-spy-{Compression}.lltj");
        var symbols = new SymbolTable();
        var e = default(MarketEvent);
        using JournalWriter writer = JournalWriter.Create(_journal, symbols, new JournalWriterOptions { Compression = Compression });
        foreach (ITickSource source in TickSources.Open(spy, symbols, new TickReadOptions()))
        {
            using (source)
            {
                while (source.TryRead(ref e))
                {
                    writer.Append(in e);
                }
            }
        }
    }

    [Benchmark(OperationsPerInvoke = TickSamples.TradingDayTicks)]
    public long ReadTradingDay()
    {
        using JournalReader reader = JournalReader.Open(_journal, new SymbolTable());
        long read = 0;
        while (reader.TryRead(ref _slots[read & 1023]))
        {
            read++;
        }

        return read == TickSamples.TradingDayTicks ? read : throw new InvalidOperationException($"read {read} ticks");
    }

    [GlobalCleanup]
    public void DeleteJournal() => File.Delete(_journal);
}
