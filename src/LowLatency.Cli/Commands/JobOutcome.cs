using System.Globalization;
using LowLatency.Cli.Reports;
using LowLatency.Market;

namespace LowLatency.Cli.Commands;

/// <summary>How <c>run</c> and <c>replay</c> end: the statistics block, the report folder, and an exit code that tells a
/// script whether the result is complete.</summary>
internal static class JobOutcome
{
    /// <summary>Prints the statistics and, with <c>--report</c>, finishes the report folder and says where it is.</summary>
    public static void WriteReport(TextWriter output, PipelineSetup setup, MarketPipeline pipeline, ReportContext context)
    {
        PerformanceWriter.Write(output, pipeline.Trading.GetPerformance(), setup.Options.Trading.EquityIntervalNs);
        if (setup.Outputs.ReportDirectory is { } directory)
        {
            ReportWriter.Write(directory, pipeline, context);
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"report       {directory}: {OutputPaths.ReportFills}, {OutputPaths.ReportEquity}, {OutputPaths.ReportPlot}, {OutputPaths.ReportSummary}{(context.Complete ? "" : " (covers a partial run)")}"));
        }
    }

    /// <summary>0 when complete; 130/143 when a signal stopped the run; 1 when events did not drain.</summary>
    public static int ExitCode(TextWriter error, bool drained, string? stoppedBy, StopSignal stop, long published, string rest)
    {
        if (!drained)
        {
            error.WriteLine("error: the pipeline did not process every published event (halted or timed out).");
            return ExitCodes.RunFailed;
        }

        if (stoppedBy is not null)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"interrupted by {stoppedBy}: {published:N0} event(s) were processed and reported; {rest}."));
            return stop.ExitCode;
        }

        return ExitCodes.Success;
    }
}
