using System.Globalization;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// The files of a run folder: one <c>.hgrm</c> percentile distribution per variant (HdrHistogram's
/// <c>OutputPercentileDistribution</c>, values in µs), <c>report.md</c> (environment, the table, the target check)
/// and <c>report.json</c>.
/// </summary>
internal static class LatencyReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string JsonFile = "report.json";
    public const string PlotFile = "latency-by-percentile.png";

    /// <summary>Issue 14's target for the default configuration (Hybrid, topology auto) at 100 k events/s:
    /// p50 ≤ 1 µs, p99 ≤ 10 µs.</summary>
    private const string TargetVariant = "pipeline/ring-Hybrid-auto/100k";
    private const double TargetP50Us = 1.0;
    private const double TargetP99Us = 10;

    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the variant's distribution file next to the report and returns the result naming it.</summary>
    public static LatencyResult WriteDistribution(string directory, LatencyResult result)
    {
        if (result.Histogram is null)
        {
            return result;
        }

        string file = result.Variant.Replace('/', '_') + ".hgrm";
        using (var writer = new StreamWriter(Path.Combine(directory, file)))
        {
            writer.WriteLine($"# {result.Variant}: latency in microseconds (recorded in ns, 3 significant digits)");
            result.Histogram.OutputPercentileDistribution(writer, percentileTicksPerHalfDistance: 5, outputValueUnitScalingRatio: 1000.0);
        }

        return result with { DistributionFile = file };
    }

    public static void Write(string directory, LatencyReport report)
    {
        File.WriteAllText(Path.Combine(directory, MarkdownFile), Markdown(report));
        File.WriteAllText(Path.Combine(directory, JsonFile), JsonSerializer.Serialize(report, LatencyJsonContext.Default.LatencyReport));
    }

    public static string Markdown(LatencyReport report)
    {
        RunEnvironment env = report.Environment;
        var md = new StringBuilder();
        md.Append(s_invariant, $"# Latency run {report.StartedAt:yyyy-MM-dd HH:mm:ss}Z\n\n");
        md.Append("""
            `pipeline/*`: one way, producer → strategy stage of the 3-stage market pipeline (filter → aggregator →
            strategy). Paced rates stamp every event with its *intended* send time (start + i / rate), so a late
            producer's delay is recorded (coordinated omission); `max` sends as fast as the ring or channel takes events, so
            it measures queueing in a full 64 Ki buffer. `ping-pong/*`: round trip, one message in flight.
            `ring-<strategy>-<topology>` is ours, per wait strategy and stage topology: `threaded` (a thread per stage),
            `fused` (the three stages on one thread, called in order on each slot) and `auto` (the default, which picks
            from the cores: all on one thread on 2 cores, a thread per stage from 4). `channel-*` is
            System.Threading.Channels, one channel and one reader per stage (bounded, SingleReader/SingleWriter; async
            stages on the thread pool, or spinning dedicated threads). Percentiles from HdrHistogram (3 significant
            digits), clock read for every event.


            """);
        md.Append("## Environment\n\n| | |\n|---|---|\n");
        md.Append(s_invariant, $"| Machine | {env.MachineName} |\n");
        md.Append(s_invariant, $"| OS | {env.Os} |\n");
        md.Append(s_invariant, $"| CPU | {env.CpuModel}, {env.LogicalCores} logical cores |\n");
        md.Append(s_invariant, $"| .NET | {env.DotNet}, {env.RuntimeIdentifier}, GC {env.Gc} |\n");
        md.Append(s_invariant, $"| Commit | {env.GitCommit} |\n");
        md.Append(s_invariant, $"| Run | warm-up {report.WarmupSeconds:0.###} s + {report.DurationSeconds:0.###} s measured per variant |\n\n");
        md.Append("## Results (µs)\n\n");
        md.Append(Table(report.Results));
        md.Append('\n');
        if (TargetCheck(report.Results) is { } target)
        {
            md.Append("## Target\n\n").Append(target).Append("\n\n");
        }

        md.Append("Files: `report.json`; one `*.hgrm` per variant (HdrHistogram percentile distribution, µs)");
        md.Append(report.PlotFile is null ? ".\n" : $"; `{report.PlotFile}` (latency by percentile).\n");
        return md.ToString();
    }

    /// <summary>The results table: percentiles and max in µs; GCs = gen0/gen1/gen2 collections while measuring.</summary>
    public static string Table(IReadOnlyList<LatencyResult> results)
    {
        var md = new StringBuilder();
        md.Append("| Variant | Sent/s | Count | Mean | p50 | p90 | p99 | p99.9 | p99.99 | Max | GCs |\n");
        md.Append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (LatencyResult r in results)
        {
            if (r.Error is not null)
            {
                md.Append(s_invariant, $"| {r.Variant} | failed: {r.Error.Replace('|', '/').ReplaceLineEndings(" ")} | | | | | | | | | |\n");
                continue;
            }

            md.Append(s_invariant,
                $"| {r.Variant} | {Rate(r.SentPerSecond)} | {r.Count:N0} | {Us(r.MeanUs)} | {Us(r.P50Us)} | {Us(r.P90Us)} | " +
                $"{Us(r.P99Us)} | {Us(r.P999Us)} | {Us(r.P9999Us)} | {Us(r.MaxUs)} | " +
                $"{r.Gen0Collections}/{r.Gen1Collections}/{r.Gen2Collections} |\n");
        }

        return md.ToString();
    }

    /// <summary>Met or missed, and by how much, for <see cref="TargetVariant"/>; null when it did not run.</summary>
    public static string? TargetCheck(IReadOnlyList<LatencyResult> results)
    {
        LatencyResult? r = results.FirstOrDefault(x => x.Variant == TargetVariant && x.Error is null);
        if (r is null)
        {
            return null;
        }

        return string.Create(s_invariant,
            $"{TargetVariant} (default configuration: Hybrid, topology auto, 100 k events/s): p50 {Us(r.P50Us)} µs against ≤ {Us(TargetP50Us)} µs, " +
            $"{Verdict(r.P50Us, TargetP50Us)}; p99 {Us(r.P99Us)} µs against ≤ {Us(TargetP99Us)} µs, {Verdict(r.P99Us, TargetP99Us)}.");
    }

    private static string Verdict(double actualUs, double targetUs) => actualUs <= targetUs
        ? "met"
        : string.Create(s_invariant, $"missed by {Us(actualUs - targetUs)} µs ({actualUs / targetUs:0.0}×)");

    /// <summary>Three significant digits: 0.271, 2.15, 21.5, 215, 2,150.</summary>
    private static string Us(double us) => us switch
    {
        < 1 => us.ToString("0.000", s_invariant),
        < 10 => us.ToString("0.00", s_invariant),
        < 100 => us.ToString("0.0", s_invariant),
        _ => us.ToString("N0", s_invariant),
    };

    private static string Rate(double perSecond) => perSecond >= 1e6
        ? (perSecond / 1e6).ToString("0.00", s_invariant) + " M"
        : (perSecond / 1e3).ToString("0.0", s_invariant) + " k";
}
