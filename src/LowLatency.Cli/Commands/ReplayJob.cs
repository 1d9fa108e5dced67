using System.Globalization;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Market.Replay;
using LowLatency.Market.Ticks;

namespace LowLatency.Cli.Commands;

/// <summary>Opens the inputs, replays them through a pipeline with progress, prints the summary.</summary>
internal sealed class ReplayJob(
    string[] inputs,
    TickReadOptions readOptions,
    MarketPipelineOptions pipelineOptions,
    ReplayOptions replayOptions,
    string? signalsOut)
{
    public int Execute(TextWriter output, TextWriter error)
    {
        var symbols = new SymbolTable();
        using TickMerger merger = TickInputs.Open(inputs, symbols, readOptions);
        using var pipeline = new MarketPipeline(symbols, pipelineOptions);
        using CsvSignalWriter? signals = signalsOut is null ? null : CreateSignalWriter(signalsOut, symbols);
        pipeline.Strategy.Signals.Sink = signals;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: {inputs.Length} input(s), speed {(replayOptions.Speed == 0 ? "max" : replayOptions.Speed + "x")}, wait {pipelineOptions.WaitStrategy}, ring {pipelineOptions.RingSize:N0}"));
        PipelineWarmup.Run(pipelineOptions);
        var progress = new ProgressReporter(error);
        ReplayReport report = ReplayRun.Execute(pipeline, merger, replayOptions with { ProgressInterval = progress.Interval }, progress.Report);
        progress.Finish();
        signals?.Flush();

        WriteSummary(output, pipeline, merger, report, signals);
        if (report.Error is not null)
        {
            bool badInput = report.Error is TickFormatException or IOException or InvalidDataException;
            error.WriteLine(badInput ? $"error: {report.Error.Message}" : $"error: {report.Error.GetType().Name}: {report.Error.Message}");
            error.WriteLine($"{report.Published:N0} events before the error were processed; the summary above covers them.");
            return badInput ? ExitCodes.BadInput : ExitCodes.RunFailed;
        }

        if (!report.Drained)
        {
            error.WriteLine("error: the pipeline did not process every published event (halted or timed out).");
            return ExitCodes.RunFailed;
        }

        return ExitCodes.Success;
    }

    private static CsvSignalWriter CreateSignalWriter(string path, SymbolTable symbols)
    {
        try
        {
            return new CsvSignalWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), symbols);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OptionException($"--signals-out: cannot write '{path}': {ex.Message}");
        }
    }

    private static void WriteSummary(TextWriter o, MarketPipeline pipeline, TickMerger merger, ReplayReport report, CsvSignalWriter? signals)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Create(inv, $"replayed     {report.Published:N0} events in {report.Seconds:F3} s = {report.EventsPerSecond / 1e6:F2} M events/s"));
        if (report.Published > 0)
        {
            o.WriteLine(string.Create(inv,
                $"recorded     {PipelineSummaryWriter.FormatTimestamp(report.FirstTimestampNs)} .. {PipelineSummaryWriter.FormatTimestamp(report.LastTimestampNs)} ({report.RecordedSpan:d\\.hh\\:mm\\:ss\\.fff} covered)"));
        }

        o.WriteLine(string.Create(inv,
            $"inputs       rows read {merger.RowsRead:N0}, not ticks (ignored) {merger.IgnoredRows:N0}, bad rows skipped {merger.SkippedRows:N0}, outside --from/--to/--symbols {report.NotSelected:N0}"));
        PipelineSummaryWriter.WriteLatency(o, pipeline);

        o.WriteLine(string.Create(inv, $"allocated    {report.AllocatedBytes:N0} bytes while replaying = {report.AllocatedBytesPerEvent:F4} bytes/event"));
        if (signals is not null)
        {
            o.WriteLine(string.Create(inv, $"signals-out  {signals.Rows:N0} signals written"));
        }

        PipelineSummaryWriter.Write(o, pipeline);
    }
}
