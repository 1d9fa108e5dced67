using System.Globalization;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Cli.Commands;

/// <summary>Builds the pipeline, runs the generator through it and prints the summary.</summary>
internal static class RunJob
{
    public static int Execute(PipelineSetup setup, GeneratorRunOptions runOptions, TextWriter output)
    {
        setup.CheckOutputs([]);
        var symbols = new SymbolTable();
        using MarketPipeline pipeline = setup.Build(symbols);
        using TradingOutputs outputs = setup.OpenOutputs(pipeline);
        MarketPipelineOptions options = setup.Options;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run: {runOptions.Events:N0} events, model {runOptions.Generator.Model}, seed {runOptions.Generator.Seed}, {runOptions.Producers} producer(s), ring {options.RingSize:N0}, wait {options.WaitStrategy}, rate {(runOptions.EventsPerSecond == 0 ? "max" : runOptions.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture) + "/s")}, strategy {setup.Describe()}"));
        GeneratorRunReport report = GeneratorRun.Execute(pipeline, runOptions);
        outputs.Flush();
        RunSummaryWriter.Write(output, pipeline, report);
        if (!report.Drained)
        {
            output.WriteLine("error: the pipeline did not process every published event (halted or timed out).");
            return ExitCodes.RunFailed;
        }

        return ExitCodes.Success;
    }
}
