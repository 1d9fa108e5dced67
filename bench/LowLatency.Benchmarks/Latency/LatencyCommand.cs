using System.Globalization;
using LowLatency.Benchmarks.Macro;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// <c>dotnet run -c Release --project bench/LowLatency.Benchmarks -- latency [options]</c>: runs every selected
/// <see cref="LatencyVariant"/> in this process, one after the other, and writes a run folder
/// (<c>BenchmarkDotNet.Artifacts/latency/&lt;yyyyMMdd-HHmmss&gt;/</c> by default) with <c>report.md</c>,
/// <c>report.json</c>, one <c>.hgrm</c> distribution per variant and the percentile plot; prints the table.
/// Exit codes are <see cref="Program"/>'s: 1 when a variant or the plot failed (the others still run).
/// </summary>
internal static class LatencyCommand
{
    public const string Name = "latency";

    /// <summary>The smoke run's variants: the default pipeline (Hybrid) at 100 k events/s in each topology, 0.2 s measured.</summary>
    private const string SmokeVariants = "pipeline/ring-Hybrid-*/100k";

    public static int Run(IReadOnlyList<string> args)
    {
        if (!LatencyOptions.TryParse(args, out LatencyOptions options, out string? error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(LatencyOptions.Usage);
            return Program.ExitNothingRan;
        }

        if (options.HelpOnly)
        {
            Console.WriteLine(LatencyOptions.Usage);
            return Program.ExitSuccess;
        }

        IReadOnlyList<LatencyVariant> variants = LatencyVariant.Select(options);
        if (variants.Count == 0)
        {
            Console.Error.WriteLine($"No variant matches '{string.Join(',', options.Variants)}' (list them with: latency --list).");
            return Program.ExitNothingRan;
        }

        if (options.ListOnly)
        {
            foreach (LatencyVariant v in variants)
            {
                Console.WriteLine(v.Name);
            }

            return Program.ExitSuccess;
        }

        if (Program.NotOptimizedReason() is { } reason)
        {
            Console.Error.WriteLine($"Refusing to measure latency: {reason}. Use: dotnet run -c Release --project bench/LowLatency.Benchmarks -- latency");
            return Program.ExitNotOptimized;
        }

        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        string directory = options.OutputDirectory
            ?? Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts", "latency", Stamp(startedAt));
        return Execute(variants, options.Warmup, options.Duration, directory, options.Plot, startedAt);
    }

    /// <summary>
    /// CI's guard: <see cref="SmokeVariants"/> (threaded, fused, auto) for 0.2 s each after 0.1 s of warm-up, plot
    /// included, into a temporary folder, every wait bounded by <see cref="BoundedSpin.Timeout"/> (the smoke run
    /// shortens it). Non-zero unless every file was written. About two seconds; allowed in Debug builds.
    /// </summary>
    public static int RunSmoke()
    {
        var options = new LatencyOptions { Rates = [100_000], Strategies = [WaitStrategyKind.Hybrid], Variants = [SmokeVariants] };
        IReadOnlyList<LatencyVariant> variants = LatencyVariant.Select(options);
        if (variants.Count != Enum.GetValues<StageTopology>().Length)
        {
            Console.Error.WriteLine($"The latency smoke run expected one variant per topology for '{SmokeVariants}', found {variants.Count}.");
            return Program.ExitBenchmarkFailed;
        }

        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        string directory = Path.Combine(Path.GetTempPath(), "LowLatency.Benchmarks.Smoke", "latency", Stamp(startedAt));
        int exitCode = Execute(variants, TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.2), directory, plot: true, startedAt);
        if (exitCode != Program.ExitSuccess)
        {
            return exitCode;
        }

        string[] expected =
        [
            LatencyReportWriter.MarkdownFile, LatencyReportWriter.JsonFile, LatencyReportWriter.PlotFile,
            .. variants.Select(v => v.Name.Replace('/', '_') + ".hgrm"),
        ];
        foreach (string file in expected)
        {
            var info = new FileInfo(Path.Combine(directory, file));
            if (!info.Exists || info.Length == 0)
            {
                Console.Error.WriteLine($"The latency smoke run did not write {info.FullName}.");
                return Program.ExitBenchmarkFailed;
            }
        }

        return Program.ExitSuccess;
    }

    private static int Execute(IReadOnlyList<LatencyVariant> variants, TimeSpan warmup, TimeSpan duration, string directory,
        bool plot, DateTimeOffset startedAt)
    {
        try
        {
            return ExecuteIn(variants, warmup, duration, directory, plot, startedAt);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot write the latency report to {directory}: {ex.Message}");
            return Program.ExitBenchmarkFailed;
        }
    }

    private static int ExecuteIn(IReadOnlyList<LatencyVariant> variants, TimeSpan warmup, TimeSpan duration, string directory,
        bool plot, DateTimeOffset startedAt)
    {
        Directory.CreateDirectory(directory);
        RunEnvironment environment = RunEnvironment.Capture();
        TimeSpan estimate = LatencyRunner.Estimate(variants.Count, warmup, duration);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Latency: {variants.Count} variant(s), {warmup.TotalSeconds:0.###} s warm-up + {duration.TotalSeconds:0.###} s measured each, " +
            $"about {estimate.TotalSeconds:0} s. Output: {directory}"));

        var results = new List<LatencyResult>(variants.Count);
        foreach (LatencyVariant variant in variants)
        {
            LatencyResult result = LatencyReportWriter.WriteDistribution(directory, LatencyRunner.Run(variant, warmup, duration));
            results.Add(result);
            Console.WriteLine(result.Error is null
                ? string.Create(CultureInfo.InvariantCulture,
                    $"  {variant.Name,-40} p50 {result.P50Us,9:0.000} µs  p99 {result.P99Us,10:0.000} µs  max {result.MaxUs,11:0.0} µs")
                : $"  {variant.Name,-40} FAILED: {result.Error}");
        }

        bool plotFailed = false;
        string? plotFile = null;
        if (plot)
        {
            try
            {
                if (LatencyPlot.Save(results, Path.Combine(directory, LatencyReportWriter.PlotFile)))
                {
                    plotFile = LatencyReportWriter.PlotFile;
                }
            }
            catch (Exception ex)
            {
                // Native SkiaSharp missing or broken: the numbers are still written, but the run is a failure.
                Console.Error.WriteLine($"The plot failed: {ex}");
                plotFailed = true;
            }
        }

        var report = new LatencyReport(startedAt, environment, warmup.TotalSeconds, duration.TotalSeconds, results, plotFile);
        LatencyReportWriter.Write(directory, report);

        Console.WriteLine();
        Console.WriteLine(LatencyReportWriter.Table(results));
        if (LatencyReportWriter.TargetCheck(results) is { } target)
        {
            Console.WriteLine(target);
        }

        Console.WriteLine($"Report: {Path.Combine(directory, LatencyReportWriter.MarkdownFile)}");
        if (plotFile is not null)
        {
            Console.WriteLine($"Plot:   {Path.Combine(directory, plotFile)}");
        }

        int failed = results.Count(r => r.Error is not null);
        if (failed > 0)
        {
            Console.Error.WriteLine($"{failed} of {results.Count} latency variant(s) failed.");
        }

        return failed > 0 || plotFailed ? Program.ExitBenchmarkFailed : Program.ExitSuccess;
    }

    private static string Stamp(DateTimeOffset time) => time.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
}
