using System.Globalization;
using LowLatency.Cli.Reports;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Cli.Commands;

/// <summary>Builds the pipeline, warms the code up on a throwaway copy, runs the generator through it, prints the
/// summary (latency included) and the statistics, writes the report. Ctrl+C or SIGTERM stops the producers, drains what
/// was published and reports it as interrupted.</summary>
internal static class RunJob
{
    public static int Execute(PipelineSetup setup, GeneratorRunOptions runOptions, TextWriter output, TextWriter error)
    {
        setup.CheckOutputs([]);
        var symbols = setup.NewSymbolTable();
        using MarketPipeline pipeline = setup.Build(symbols);
        using TradingOutputs outputs = setup.OpenOutputs(pipeline);
        using var stop = new StopSignal();
        MarketPipelineOptions options = setup.Options;
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{runOptions.Events:N0} events, model {runOptions.Generator.Model}, seed {runOptions.Generator.Seed}, {runOptions.Producers} producer(s), ring {options.RingSize:N0}, wait {options.WaitStrategy}, rate {(runOptions.EventsPerSecond == 0 ? "max" : runOptions.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture) + "/s")}");
        output.WriteLine($"run: {description}, strategy {setup.Describe()}");
        PipelineWarmup.Run(setup.Build, cancellation: stop.Token); // as replay does: the latency line must not include the JIT
        GeneratorRunReport report = GeneratorRun.Execute(pipeline, runOptions, stop.Token);
        outputs.Flush();

        string? stoppedBy = report.Interrupted ? stop.Received : null;
        if (stoppedBy is not null)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"INTERRUPTED  by {stoppedBy}: the generator was stopped after {report.Published:N0} events; everything below covers those only"));
        }

        RunSummaryWriter.Write(output, pipeline, report);
        JobOutcome.WriteReport(output, setup, pipeline,
            new ReportContext("run", setup.Describe(), ["generator: " + description], report.Drained && stoppedBy is null, stoppedBy));
        return JobOutcome.ExitCode(error, report.Drained, stoppedBy, stop, report.Published, "the rest was not generated");
    }
}
