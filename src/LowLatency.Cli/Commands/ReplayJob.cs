using System.Globalization;
using LowLatency.Cli.Reports;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Ticks.Replay;
using LowLatency.Ticks;

namespace LowLatency.Cli.Commands;

/// <summary>Opens the inputs, replays them through a pipeline with progress, prints the summary and the statistics,
/// writes the report. Ctrl+C or SIGTERM stops the input, drains what was published and reports it as interrupted.</summary>
internal sealed class ReplayJob(
    string[] inputs,
    TickReadOptions readOptions,
    PipelineSetup setup,
    ReplayOptions replayOptions)
{
    public int Execute(TextWriter output, TextWriter error)
    {
        TickInputList files = TickInputList.Expand(inputs, readOptions.Format);
        setup.CheckOutputs(files.Files);
        var symbols = setup.NewSymbolTable();
        using TickMerger merger = TickInputs.Open(files.Files, symbols, readOptions, replayOptions.Window, out int filesOutside);
        using MarketPipeline pipeline = setup.Build(symbols);
        using TradingOutputs outputs = setup.OpenOutputs(pipeline);
        using var stop = new StopSignal();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: {files.Describe()}, speed {(replayOptions.Speed == 0 ? "max" : replayOptions.Speed + "x")}, wait {setup.Options.WaitStrategy}, ring {setup.Options.RingSize:N0}, strategy {setup.Describe()}"));
        PipelineWarmup.Run(setup.Build, cancellation: stop.Token);
        var progress = new ProgressReporter(error);
        ReplayReport report = ReplayRun.Execute(pipeline, merger, replayOptions with { ProgressInterval = progress.Interval }, progress.Report, stop.Token);
        progress.Finish();
        outputs.Flush();

        string? stoppedBy = report.Interrupted ? stop.Received : null;
        TickLosses losses = merger.Losses;
        files.Skipped.AddTo(losses);
        WriteSummary(output, pipeline, merger, losses, report, outputs, stoppedBy, filesOutside);
        bool complete = report.Error is null && report.Drained && !report.Interrupted && losses.IsComplete;
        JobOutcome.WriteReport(output, setup, pipeline, new ReportContext("replay", setup.Describe(), files.Files, complete, stoppedBy));
        if (report.Error is not null)
        {
            bool badInput = report.Error is TickFormatException or IOException or InvalidDataException;
            error.WriteLine(report.Error is SymbolTableFullException full ? SymbolCapacityOption.ErrorLine(full)
                : badInput ? $"error: {report.Error.Message}" : $"error: {report.Error.GetType().Name}: {report.Error.Message}");
            error.WriteLine($"{report.Published:N0} events before the error were processed; the summary above covers them.");
            return badInput ? ExitCodes.BadInput : ExitCodes.RunFailed;
        }

        int exitCode = JobOutcome.ExitCode(error, report.Drained, stoppedBy, stop, report.Published, "the rest of the input was not read");
        return InputLossesWriter.ExitCode(error, losses, exitCode);
    }

    private static void WriteSummary(TextWriter o, MarketPipeline pipeline, TickMerger merger, TickLosses losses, ReplayReport report,
        TradingOutputs outputs, string? stoppedBy, int filesOutside)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        if (stoppedBy is not null)
        {
            o.WriteLine(string.Create(inv, $"INTERRUPTED  by {stoppedBy}: the input was stopped after {report.Published:N0} events; everything below covers those only"));
        }

        o.WriteLine(string.Create(inv, $"replayed     {report.Published:N0} events in {report.Seconds:F3} s = {ProgressReporter.Rate(report.EventsPerSecond)}"));
        if (report.Published > 0)
        {
            o.WriteLine(string.Create(inv,
                $"recorded     {PipelineSummaryWriter.FormatTimestamp(report.FirstTimestampNs)} .. {PipelineSummaryWriter.FormatTimestamp(report.LastTimestampNs)} ({report.RecordedSpan:d\\.hh\\:mm\\:ss\\.fff} covered)"));
        }

        o.WriteLine(string.Create(inv,
            $"inputs       {InputLossesWriter.Counts(merger, losses)}, outside --from/--to {InputLossesWriter.Outside(report.OutsideRange, filesOutside)}, not in --symbols {report.NotSelected - report.OutsideRange:N0}"));
        InputLossesWriter.WriteDamage(o, losses);
        PipelineSummaryWriter.WriteLatency(o, pipeline);

        o.WriteLine(string.Create(inv, $"allocated    {report.AllocatedBytes:N0} bytes while replaying = {report.AllocatedBytesPerEvent:F4} bytes/event"));
        if (outputs.RowsOf("--signals-out") is { } signals)
        {
            o.WriteLine(string.Create(inv, $"signals-out  {signals:N0} signals written"));
        }

        if (outputs.RowsOf("--fills-out") is { } fills)
        {
            o.WriteLine(string.Create(inv, $"fills-out    {fills:N0} fills written"));
        }

        MarketStatisticsWriter.Write(o, pipeline);
        PipelineSummaryWriter.Write(o, pipeline);
    }
}
