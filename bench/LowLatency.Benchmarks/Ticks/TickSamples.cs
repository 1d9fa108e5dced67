using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Ticks.Journal;

namespace LowLatency.Benchmarks.Ticks;

/// <summary>Inputs for the tick benchmarks: the shared SPY trading day when present, else generated files of the same size.</summary>
internal static class TickSamples
{
    /// <summary>Ticks in the SPY 2013-10-08 trade file, the "trading day" the replay target speaks of.</summary>
    public const int TradingDayTicks = 451_545;

    /// <summary>The shared LEAN SPY 2013-10-08 trade zip, or null when ../shared is not beside the repository.</summary>
    public static string? SpyTradingDayZip() => SharedTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");

    /// <summary>A file of the shared tick set (path relative to <c>../shared/data/ticks</c>), or null when absent.</summary>
    public static string? SharedTickFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
            {
                string file = Path.Combine(dir.FullName, "..", "shared", "data", "ticks", relativePath);
                return File.Exists(file) ? Path.GetFullPath(file) : null;
            }
        }

        return null;
    }

    /// <summary>A journal of <paramref name="events"/> random-walk ticks (quotes and trades) in a temp file.</summary>
    public static string GeneratedJournal(int events, JournalCompression compression = JournalCompression.Lz4)
    {
        string path = Path.Combine(Path.GetTempPath(), $"lowlatency-bench-{Environment.ProcessId}-{events}-{compression}.lltj");
        var symbols = new SymbolTable();
        var generator = new MarketEventGenerator(symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk });
        using JournalWriter writer = JournalWriter.Create(path, symbols, new JournalWriterOptions { Compression = compression });
        var e = default(MarketEvent);
        for (int i = 0; i < events; i++)
        {
            generator.Next(ref e);
            writer.Append(in e);
        }

        return path;
    }

    /// <summary>A header CSV (Tardis-like: µs timestamps, symbol, price, amount) of <paramref name="rows"/> trades.</summary>
    public static string GeneratedCsv(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"lowlatency-bench-{Environment.ProcessId}-{rows}.csv");
        var symbols = new SymbolTable();
        var generator = new MarketEventGenerator(symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.Classic });
        using var writer = new StreamWriter(path);
        writer.WriteLine("timestamp,symbol,price,amount");
        var e = default(MarketEvent);
        for (int i = 0; i < rows; i++)
        {
            generator.Next(ref e);
            writer.Write(e.TimestampNs / 1000);
            writer.Write(',');
            writer.Write(symbols.GetName(e.Symbol));
            writer.Write(',');
            writer.Write(e.Price.ToString());
            writer.Write(',');
            writer.WriteLine(e.Size.ToString());
        }

        return path;
    }
}
