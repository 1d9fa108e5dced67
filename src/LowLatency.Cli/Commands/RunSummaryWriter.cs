using System.Globalization;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Cli.Commands;

/// <summary>The end-of-run summary: throughput, ingest → strategy latency and allocations, then the pipeline summary.</summary>
internal static class RunSummaryWriter
{
    public static void Write(TextWriter o, MarketPipeline pipeline, GeneratorRunReport report)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Create(inv, $"throughput   {ProgressReporter.Rate(report.EventsPerSecond)} ({report.MeasuredEvents:N0} events in {report.MeasuredSeconds:F3} s, after warm-up)"));
        PipelineSummaryWriter.WriteLatency(o, pipeline);
        o.WriteLine(string.Create(inv, $"allocated    {report.AllocatedBytes:N0} bytes during the measured run = {report.AllocatedBytesPerEvent:F4} bytes/event"));
        o.WriteLine(string.Create(inv, $"published    {report.Published:N0}"));

        PipelineSummaryWriter.Write(o, pipeline);
    }
}
