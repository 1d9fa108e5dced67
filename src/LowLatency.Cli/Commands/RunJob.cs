using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Cli.Commands;

/// <summary>Builds the pipeline, runs the generator through it and prints the summary.</summary>
internal static class RunJob
{
    public static int Execute(MarketPipelineOptions pipelineOptions, GeneratorRunOptions runOptions, TextWriter output)
    {
        var symbols = new SymbolTable();
        using var pipeline = new MarketPipeline(symbols, pipelineOptions);
        output.WriteLine($"run: {runOptions.Events:N0} events, model {runOptions.Generator.Model}, seed {runOptions.Generator.Seed}, " +
            $"{runOptions.Producers} producer(s), ring {pipelineOptions.RingSize:N0}, wait {pipelineOptions.WaitStrategy}, " +
            $"rate {(runOptions.EventsPerSecond == 0 ? "max" : runOptions.EventsPerSecond.ToString("N0") + "/s")}");
        GeneratorRunReport report = GeneratorRun.Execute(pipeline, runOptions);
        RunSummaryWriter.Write(output, pipeline, report);
        if (!report.Drained)
        {
            output.WriteLine("error: the pipeline did not process every published event (halted or timed out).");
            return ExitCodes.RunFailed;
        }

        return ExitCodes.Success;
    }
}
