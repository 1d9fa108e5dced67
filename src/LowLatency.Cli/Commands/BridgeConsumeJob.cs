using System.Diagnostics;
using System.Globalization;
using System.Text;
using LowLatency.Kafka;
using LowLatency.Market;

namespace LowLatency.Cli.Commands;

/// <summary>
/// Runs the Kafka bridge into a pipeline until a stop (signal, <c>--seconds</c>, <c>--max-events</c>, or a fatal
/// Kafka error), then stops it gracefully: in-flight ticks finish, their offsets are committed, the group is left,
/// queued signals are flushed, and the summary is printed.
/// </summary>
internal sealed class BridgeConsumeJob(
    KafkaSettings settings,
    KafkaTickBridgeOptions bridgeOptions,
    string? signalsTopic,
    PipelineSetup setup,
    TimeSpan? duration,
    long maxEvents)
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(30);

    public int Execute(TextWriter output, TextWriter error)
    {
        setup.CheckOutputs([]);
        var symbols = setup.NewSymbolTable();
        var progress = new ProgressReporter(error);
        using MarketPipeline pipeline = setup.Build(symbols);
        using KafkaTickBridge bridge = KafkaClientGuard.Build(settings, () => new KafkaTickBridge(settings, bridgeOptions with { Log = progress.Note }, pipeline));
        using KafkaSignalSink? sink = signalsTopic is null ? null : KafkaClientGuard.Build(settings,
            () => new KafkaSignalSink(settings, signalsTopic, symbols, bridge, log: progress.Note, reasons: pipeline.Reasons));
        using TradingOutputs outputs = setup.OpenOutputs(pipeline, sink);
        using var stop = new StopSignal();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"consume: topic {bridgeOptions.Topic}, group {bridgeOptions.GroupId}, brokers {settings.BootstrapServers}, wait {setup.Options.WaitStrategy}, ring {setup.Options.RingSize:N0}, strategy {setup.Describe()}{(signalsTopic is null ? "" : ", signals to " + signalsTopic)}"));
        pipeline.Start();
        bridge.Start();
        long start = Stopwatch.GetTimestamp();
        string stoppedBy = WaitForStop(pipeline, bridge, progress, stop.Token);

        bool stopped = bridge.Stop(s_stopTimeout);
        bool drained = pipeline.Shutdown(s_stopTimeout);
        bool flushed = sink?.Flush(s_stopTimeout) ?? true;
        outputs.Flush();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        progress.Finish();

        WriteSummary(output, pipeline, bridge, sink, seconds, stoppedBy);
        JobOutcome.WriteReport(output, setup, pipeline, new Reports.ReportContext("bridge consume", setup.Describe(),
            [$"kafka: topic {bridgeOptions.Topic}, group {bridgeOptions.GroupId}"], stopped && drained && bridge.Error is null && bridge.BadMessages == 0, null));
        if (bridge.Error is not null)
        {
            error.WriteLine($"error: the Kafka consumer stopped on a fatal error: {bridge.Error}");
            return ExitCodes.RunFailed;
        }

        if (!stopped || !drained)
        {
            error.WriteLine("error: in-flight ticks did not finish within 30 s; their offsets are not committed and will be consumed again.");
            return ExitCodes.RunFailed;
        }

        if (!flushed || sink?.Dropped > 0 || sink?.Error is not null)
        {
            error.WriteLine($"error: not every signal reached {signalsTopic}{(sink?.Error is null ? "" : ": " + sink.Error)} (see the signals line above).");
            return ExitCodes.RunFailed;
        }

        if (bridge.BadMessages > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: {bridge.BadMessages:N0} bad message(s){BadByReason(bridge)} skipped; each is logged above with topic [partition] @offset and its reason."));

            // Like skipped rows in a file: the run completed, but not on all of its input.
            return ExitCodes.IncompleteInput;
        }

        return ExitCodes.Success;
    }

    private string WaitForStop(MarketPipeline pipeline, KafkaTickBridge bridge, ProgressReporter progress, CancellationToken stop)
    {
        long start = Stopwatch.GetTimestamp();
        long lastReport = start;
        long lastProcessed = 0;
        long reportTicks = (long)(progress.Interval.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (stop.WaitHandle.WaitOne(s_poll))
            {
                return "signal";
            }

            long processed = pipeline.Stages[^1].ProcessedCount;
            if (!bridge.IsRunning)
            {
                return "error";
            }

            if (duration is { } d && Stopwatch.GetElapsedTime(start) >= d)
            {
                return "--seconds";
            }

            if (maxEvents > 0 && processed >= maxEvents)
            {
                return "--max-events";
            }

            long now = Stopwatch.GetTimestamp();
            if (now - lastReport >= reportTicks)
            {
                double rate = (processed - lastProcessed) * (double)Stopwatch.Frequency / (now - lastReport);
                progress.Report(string.Create(CultureInfo.InvariantCulture,
                    $"progress: {processed:N0} ticks processed, {rate:N0} ticks/s, lag {pipeline.Lag:N0}, commits {bridge.Commits:N0}, bad {bridge.BadMessages:N0}"));
                lastReport = now;
                lastProcessed = processed;
            }
        }
    }

    private void WriteSummary(TextWriter o, MarketPipeline pipeline, KafkaTickBridge bridge, KafkaSignalSink? sink, double seconds, string stoppedBy)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Create(inv,
            $"consumed     {bridge.Consumed:N0} messages in {seconds:F3} s = {bridge.Consumed / Math.Max(seconds, 1e-9):N0} msg/s (stopped by {stoppedBy})"));
        o.WriteLine(string.Create(inv,
            $"processed    {bridge.Published:N0} ticks; bad messages {bridge.BadMessages:N0}{BadByReason(bridge)}{(bridgeOptions.DeadLetterTopic is null ? "" : " (dead-lettered to " + bridgeOptions.DeadLetterTopic + ")")}; offset commits {bridge.Commits:N0}"));
        o.WriteLine("partitions   " + PerPartition(bridge));
        if (sink is not null)
        {
            o.WriteLine(string.Create(inv,
                $"signals      to {signalsTopic}: delivered {sink.Delivered:N0}, dropped {sink.Dropped:N0}, failed attempts (retried) {sink.Failed:N0}, queue-full waits {sink.QueueFullWaits:N0}, still queued {sink.Pending:N0}"));
        }

        PipelineSummaryWriter.WriteLatency(o, pipeline);
        PipelineSummaryWriter.Write(o, pipeline);
    }

    /// <summary>" (undecodable 1, missing timestamp 2)": the reasons with a count; empty when there were none.</summary>
    private static string BadByReason(KafkaTickBridge bridge)
    {
        string[] counts = [.. Enum.GetValues<TickDecodeResult>()
            .Where(r => bridge.BadMessagesOf(r) > 0)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.ToReason()} {bridge.BadMessagesOf(r):N0}"))];
        return counts.Length == 0 ? "" : " (" + string.Join(", ", counts) + ")";
    }

    /// <summary>"0: 1,234  2: 2,345": ticks of each partition this consumer processed (the split across the group).</summary>
    private string PerPartition(KafkaTickBridge bridge)
    {
        var text = new StringBuilder();
        for (int p = 0; p < bridgeOptions.MaxPartitions; p++)
        {
            long count = bridge.ProcessedCount(p);
            if (count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{(text.Length == 0 ? "" : "  ")}{p}: {count:N0}");
            }
        }

        return text.Length == 0 ? "(none processed)" : text.ToString();
    }
}
