using System.Globalization;
using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Commands;

/// <summary>A pipeline as the command line chose it: options, strategy with its parameters, and the CSV outputs.
/// Builds the real pipeline and the warm-up's throwaway copy the same way.</summary>
internal sealed class PipelineSetup(
    MarketPipelineOptions options,
    StrategyDefinition strategy,
    StrategyParameters parameters,
    string? signalsOut,
    string? fillsOut)
{
    public MarketPipelineOptions Options => options;

    public StrategyDefinition Strategy => strategy;

    public MarketPipeline Build(SymbolTable symbols) =>
        new MarketPipelineBuilder(symbols, options).WithStrategy(strategy, parameters).Build();

    /// <summary>"threshold" or "threshold (buy-below-bps=5, max-orders=2)": the strategy and the parameters given.</summary>
    public string Describe()
    {
        string[] given = [.. parameters.Given.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)];
        return given.Length == 0 ? strategy.Name : $"{strategy.Name} ({string.Join(", ", given)})";
    }

    /// <summary>
    /// Refuses outputs that would destroy data: an output that is one of <paramref name="inputs"/> (the same path or a
    /// link to it), or both outputs on one file. Call before anything is opened.
    /// </summary>
    public void CheckOutputs(IEnumerable<string> inputs)
    {
        string? signals = Identity(signalsOut), fills = Identity(fillsOut);
        if (signals is not null && signals == fills)
        {
            throw new OptionException($"--fills-out: '{fillsOut}' is also the --signals-out file; give each its own file.");
        }

        foreach (string input in inputs)
        {
            string? identity = Identity(input);
            if (identity == signals || identity == fills)
            {
                string option = identity == signals ? "--signals-out" : "--fills-out";
                throw new OptionException($"{option}: '{(identity == signals ? signalsOut : fillsOut)}' is the input '{input}'; it would be overwritten.");
            }
        }
    }

    /// <summary>Opens the requested signal and fill CSV files and makes them the pipeline's sink (with <paramref name="next"/>).</summary>
    public TradingOutputs OpenOutputs(MarketPipeline pipeline, ISignalSink? next = null)
    {
        CsvSignalWriter? signals = signalsOut is null ? null : new CsvSignalWriter(Create(signalsOut, "--signals-out"), pipeline.Symbols, pipeline.Reasons);
        CsvFillWriter? fills;
        try
        {
            fills = fillsOut is null ? null : new CsvFillWriter(Create(fillsOut, "--fills-out"), pipeline.Symbols, pipeline.Reasons);
        }
        catch
        {
            signals?.Dispose();
            throw;
        }

        pipeline.Trading.Sink = SignalSinks.Combine(next, signals, fills);
        return new TradingOutputs(signals, fills);
    }

    /// <summary>The file a path names, links followed; null for no path.</summary>
    private static string? Identity(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var file = new FileInfo(Path.GetFullPath(path));
        FileSystemInfo? target = file.Exists ? file.ResolveLinkTarget(returnFinalTarget: true) : null;
        return (target ?? file).FullName;
    }

    private static FileStream Create(string path, string option)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OptionException(string.Create(CultureInfo.InvariantCulture, $"{option}: cannot write '{path}': {ex.Message}"));
        }
    }
}
