using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Cli.Commands;

/// <summary>Opens every input (a zip may hold several) and merges them in timestamp order.</summary>
internal static class TickInputs
{
    public static TickMerger Open(IReadOnlyList<string> paths, SymbolTable symbols, TickReadOptions options)
    {
        var sources = new List<ITickSource>();
        try
        {
            foreach (string path in paths)
            {
                if (string.IsNullOrWhiteSpace(path))
                {
                    throw new OptionException("inputs: an empty file name was given.");
                }

                sources.AddRange(TickSources.Open(path, symbols, options));
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
