using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Commands;

/// <summary>A pipeline as the command line chose it: options, strategy with its parameters, and the CSV outputs.
/// Builds the real pipeline and the warm-up's throwaway copy the same way.</summary>
internal sealed class PipelineSetup(
    MarketPipelineOptions options,
    StrategyDefinition strategy,
    StrategyParameters parameters,
    OutputPaths outputs)
{
    public MarketPipelineOptions Options => options;

    public OutputPaths Outputs => outputs;

    public StrategyDefinition Strategy => strategy;

    /// <summary>Most distinct symbols the run can hold (<c>--symbol-capacity</c>).</summary>
    public int SymbolCapacity { get; init; } = SymbolTable.DefaultCapacity;

    /// <summary>An empty symbol table of <see cref="SymbolCapacity"/>, for the run's pipeline and inputs.</summary>
    public SymbolTable NewSymbolTable() => new(SymbolCapacity);

    public MarketPipeline Build(SymbolTable symbols)
    {
        MarketPipeline pipeline = new MarketPipelineBuilder(symbols, options).WithStrategy(strategy, parameters).Build();
        pipeline.Pipeline.FaultReporter = new ConsoleFaultReporter(Console.Error).Report;
        return pipeline;
    }

    /// <summary>"threshold" or "threshold (buy-below-bps=5, max-orders=2)": the strategy and the parameters given.</summary>
    public string Describe()
    {
        string[] given = [.. parameters.Given.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)];
        return given.Length == 0 ? strategy.Name : $"{strategy.Name} ({string.Join(", ", given)})";
    }

    /// <summary>
    /// Refuses outputs that would destroy data: an output that is one of <paramref name="inputs"/> (the same path or a
    /// link to it), two outputs on one file, or a report folder that is a file. Call before anything is opened.
    /// </summary>
    public void CheckOutputs(IEnumerable<string> inputs)
    {
        if (outputs.ReportDirectory is { } report && File.Exists(report))
        {
            throw new OptionException($"--report: '{report}' is a file; give a folder (it is created if missing).");
        }

        OutputCheck.Refuse(outputs.Files(), inputs);
    }

    /// <summary>Opens the requested CSV files (and the report's) and makes them the pipeline's sink, after
    /// <paramref name="next"/>. The report's summary and plot are written after the run.</summary>
    public TradingOutputs OpenOutputs(MarketPipeline pipeline, ISignalSink? next = null)
    {
        var opened = new TradingOutputs();
        try
        {
            if (outputs.ReportDirectory is { } report)
            {
                CreateFolder(report);
            }

            foreach ((string option, string path) in outputs.Files())
            {
                if (CsvFor(option, path, pipeline) is { } create)
                {
                    opened.Open(option, path, create);
                }
            }
        }
        catch
        {
            opened.Dispose();
            throw;
        }

        pipeline.Trading.Sink = SignalSinks.Combine([next, .. opened.Sinks]);
        return opened;
    }

    private static Func<Stream, CsvRowWriter>? CsvFor(string option, string path, MarketPipeline pipeline) =>
        (option, Path.GetFileName(path)) switch
        {
            ("--signals-out", _) => stream => new CsvSignalWriter(stream, pipeline.Symbols, pipeline.Reasons),
            ("--fills-out", _) or ("--report", OutputPaths.ReportFills) => stream => new CsvFillWriter(stream, pipeline.Symbols, pipeline.Reasons),
            ("--report", OutputPaths.ReportEquity) => stream => new CsvEquityWriter(stream, pipeline.Symbols, pipeline.Reasons),
            _ => null, // written after the run
        };

    private static void CreateFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OptionException($"--report: cannot create '{path}': {ex.Message}");
        }
    }
}
