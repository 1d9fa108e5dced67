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

    /// <summary>Opens the requested signal and fill CSV files and makes them the pipeline's sink (with <paramref name="next"/>).</summary>
    public TradingOutputs OpenOutputs(MarketPipeline pipeline, ISignalSink? next = null)
    {
        CsvSignalWriter? signals = signalsOut is null ? null : new CsvSignalWriter(Create(signalsOut, "--signals-out"), pipeline.Symbols, pipeline.Reasons);
        CsvFillWriter? fills = fillsOut is null ? null : new CsvFillWriter(Create(fillsOut, "--fills-out"), pipeline.Symbols, pipeline.Reasons);
        pipeline.Trading.Sink = SignalSinks.Combine(next, signals, fills);
        return new TradingOutputs(signals, fills);
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
