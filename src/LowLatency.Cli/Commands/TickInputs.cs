using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Listing;
using LowLatency.Ticks.Parquet;

namespace LowLatency.Cli.Commands;

/// <summary>Opens every input (a zip may hold several) and merges them in timestamp order.</summary>
internal static class TickInputs
{
    public static TickMerger Open(IReadOnlyList<string> paths, SymbolTable symbols, TickReadOptions options) =>
        Open(paths, symbols, options, default, out _);

    /// <summary>
    /// Opens <paramref name="paths"/>, except files whose metadata alone shows every tick outside
    /// <paramref name="range"/> (a LEAN zip's date): those are not opened and are counted in <paramref name="filesOutsideRange"/>.
    /// </summary>
    public static TickMerger Open(IReadOnlyList<string> paths, SymbolTable symbols, TickReadOptions options, TickTimeRange range, out int filesOutsideRange)
    {
        var sources = new List<ITickSource>();
        filesOutsideRange = 0;
        try
        {
            foreach (string path in paths)
            {
                if (string.IsNullOrWhiteSpace(path))
                {
                    throw new OptionException("inputs: an empty file name was given.");
                }

                if (!range.IsAll && TickFileDescriber.TryGetTimeBounds(path, options.Format, out long firstNs, out long lastNs)
                    && !range.Overlaps(firstNs, lastNs))
                {
                    filesOutsideRange++;
                    continue;
                }

                sources.AddRange(ParquetTickSources.Open(path, symbols, options)); // every format, Parquet included
            }

            return new TickMerger(sources);
        }
        catch
        {
            foreach (ITickSource source in sources)
            {
                source.Dispose();
            }

            throw;
        }
    }
}
