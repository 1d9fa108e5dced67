using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Macro;
using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Benchmarks.Ticks;

/// <summary>
/// Importer throughput: rows read into a MarketEvent, no pipeline. The LEAN case reads the shared SPY 2013-10-08
/// trade zip (451 545 rows, 1.6 MB zipped, unzipping included); the CSV case a generated 1 M-row Tardis-like file.
/// Target: ≥ 5 M rows/s for CSV. Rows/s is the Events/s column; MB/s = rows/s × bytes per row (in the README).
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class ImportBenchmarks
{
    private const int CsvRows = 1_000_000;
    private string _csv = "";
    private string? _spy;

    [GlobalSetup]
    public void Setup()
    {
        _csv = TickSamples.GeneratedCsv(CsvRows);
        _spy = TickSamples.SpyTradingDayZip();
    }

    [Benchmark(OperationsPerInvoke = CsvRows)]
    public long CsvImport() => ReadAll(_csv, CsvRows);

    [Benchmark(OperationsPerInvoke = TickSamples.TradingDayTicks)]
    public long LeanZipImport() =>
        _spy is null
            ? throw new InvalidOperationException("The shared SPY sample (../shared/data/ticks) is not beside the repository.")
            : ReadAll(_spy, TickSamples.TradingDayTicks);

    [GlobalCleanup]
    public void DeleteCsv() => File.Delete(_csv);

    private static long ReadAll(string path, int expected)
    {
        var symbols = new SymbolTable();
        long rows = 0;
        var e = default(MarketEvent);
        foreach (ITickSource source in TickSources.Open(path, symbols, new TickReadOptions()))
        {
            using (source)
            {
                while (source.TryRead(ref e))
                {
                    rows++;
                }
            }
        }

        return rows == expected ? rows : throw new InvalidOperationException($"{path}: read {rows} rows, expected {expected}");
    }
}
