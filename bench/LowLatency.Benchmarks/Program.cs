using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using LowLatency.Benchmarks.Columns;
using LowLatency.Benchmarks.Latency;
using LowLatency.Benchmarks.Macro;
using LowLatency.Engine;
using LowLatency.Kafka;
using LowLatency.Market;

namespace LowLatency.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/LowLatency.Benchmarks -- [BenchmarkDotNet args]</c>, e.g.
/// <c>--filter '*OneToOne*'</c> or <c>--list flat</c>; <c>-- latency [options]</c> runs the latency harness
/// (<see cref="LatencyCommand"/>, <c>latency --help</c>); <c>--smoke</c> runs one short in-process benchmark case and a
/// tiny latency run for CI.
/// Exit codes: 0 success, 1 a benchmark failed, 2 nothing ran (a filter matched nothing, bad arguments),
/// 3 not an optimized (Release) build.
/// </summary>
public static class Program
{
    public const int ExitSuccess = 0;
    public const int ExitBenchmarkFailed = 1;
    public const int ExitNothingRan = 2;
    public const int ExitNotOptimized = 3;

    /// <summary>Events per invocation in <c>--smoke</c>: 256 Ki, a few milliseconds.</summary>
    public const int SmokeEventCount = 1 << 18;

    // Bound of every wait in the smoke run: a healthy run takes milliseconds, a hung one fails CI after this.
    private static readonly TimeSpan s_smokeWaitTimeout = TimeSpan.FromSeconds(15);

    // Last resort for the in-process smoke run; our own bounded waits should fire first.
    private static readonly TimeSpan s_smokeTimeout = s_smokeWaitTimeout + TimeSpan.FromSeconds(30);

    // Not a const: a constant condition would make the Release-only checks unreachable code in Debug.
    private static readonly bool s_isDebugBuild =
#if DEBUG
        true;
#else
        false;
#endif

    // BenchmarkDotNet switches that print something and legitimately run no benchmark.
    private static readonly string[] s_informational = ["--list", "--help", "-h", "-?", "--info", "--version"];

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == LatencyCommand.Name)
        {
            return LatencyCommand.Run(args[1..]);
        }

        if (args.Contains("--smoke"))
        {
            if (args.Length > 1)
            {
                Console.Error.WriteLine("--smoke takes no other arguments; ignoring them.");
            }

            // Both run even if the first fails, so one CI log shows every breakage; the first failure's code wins.
            int benchmarks = RunSmoke();
            int latency = LatencyCommand.RunSmoke();
            return benchmarks != ExitSuccess ? benchmarks : latency;
        }

        if (NotOptimizedReason() is { } reason)
        {
            Console.Error.WriteLine($"Refusing to benchmark: {reason}. Use: dotnet run -c Release --project bench/LowLatency.Benchmarks -- ...");
            return ExitNotOptimized;
        }

        Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args)];
        if (summaries.Length == 0)
        {
            if (args.Any(a => s_informational.Contains(a, StringComparer.OrdinalIgnoreCase)))
            {
                return ExitSuccess;
            }

            Console.Error.WriteLine("No benchmark ran: the filter matched nothing or the arguments were not understood " +
                "(list the benchmarks with --list flat).");
            return ExitNothingRan;
        }

        return Check(summaries);
    }

    /// <summary>
    /// CI's guard against rot: <see cref="OneToOneBenchmarks.RingHybrid"/> with <see cref="SmokeEventCount"/> events,
    /// in-process (no build of a boilerplate project), one warmup and one measured invocation, nothing exported (the
    /// console summary only), every wait bounded by 15 s. About a second; allowed in Debug builds.
    /// </summary>
    private static int RunSmoke()
    {
        OneToOneBenchmarks.EventsPerInvoke = SmokeEventCount;
        BoundedSpin.Timeout = s_smokeWaitTimeout;
        Job job = Job.Dry
            .WithToolchain(new InProcessEmitToolchain(s_smokeTimeout, logOutput: true))
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("Smoke");
        IConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(new EventsPerSecondColumn())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithSummaryStyle(SummaryStyle.Default.WithZeroMetricValuesInContent())
            .WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "LowLatency.Benchmarks.Smoke")); // keep real results

        Type type = typeof(OneToOneBenchmarks);
        MethodInfo method = type.GetMethod(nameof(OneToOneBenchmarks.RingHybrid))!;
        BenchmarkRunInfo info = BenchmarkConverter.MethodsToBenchmarks(type, [method], config);

        // The class's [Config] adds its Macro job to ours: keep only the smoke job's case. OperationsPerInvoke comes
        // from the attribute (the full event count): rebuild the case with the smoke count so per-event numbers stay honest.
        BenchmarkCase[] cases = [.. info.BenchmarksCases
            .Where(c => c.Job.Id == job.Id)
            .Select(c => BenchmarkCase.Create(
                WithOperationsPerInvoke(c.Descriptor, SmokeEventCount), c.Job, c.Parameters, c.Config))];
        Summary summary;
        try
        {
            summary = BenchmarkRunner.Run(new BenchmarkRunInfo(cases, info.Type, info.Config));
        }
        catch (InvalidOperationException ex)
        {
            // BenchmarkDotNet gave up on the in-process run (s_smokeTimeout).
            Console.Error.WriteLine($"The smoke benchmark did not finish: {ex.Message}");
            return ExitBenchmarkFailed;
        }

        int exitCode = Check([summary]);
        if (exitCode == ExitSuccess && RigCleanup.FailureCount > 0)
        {
            // In process, BenchmarkDotNet logs a failed GlobalCleanup (lost or duplicated events) but reports success.
            Console.Error.WriteLine("The smoke benchmark's cleanup check failed.");
            return ExitBenchmarkFailed;
        }

        return exitCode;
    }

    private static Descriptor WithOperationsPerInvoke(Descriptor d, int operationsPerInvoke) => new(
        d.Type, d.WorkloadMethod, d.GlobalSetupMethod, d.GlobalCleanupMethod, d.IterationSetupMethod,
        d.IterationCleanupMethod, description: null, d.AdditionalLogic, d.Baseline, d.Categories, operationsPerInvoke,
        d.MethodIndex);

    /// <summary>Non-zero unless every selected benchmark ran and produced results.</summary>
    private static int Check(Summary[] summaries)
    {
        int failed = 0;
        int succeeded = 0;
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failed++;
                foreach (ValidationError error in summary.ValidationErrors.Where(e => e.IsCritical))
                {
                    Console.Error.WriteLine($"Validation error: {error.Message}");
                }
            }

            foreach (BenchmarkCase benchmark in summary.BenchmarksCases)
            {
                BenchmarkReport? report = summary[benchmark];
                bool ok = report is { Success: true, ResultStatistics: not null }
                    && report.ExecuteResults.All(r => r.IsSuccess);
                if (ok)
                {
                    succeeded++;
                }
                else
                {
                    failed++;
                    Console.Error.WriteLine($"Benchmark failed: {benchmark.DisplayInfo}");
                }
            }
        }

        if (failed > 0 || succeeded == 0)
        {
            Console.Error.WriteLine($"{failed} benchmark(s) failed, {succeeded} succeeded.");
            return failed > 0 ? ExitBenchmarkFailed : ExitNothingRan;
        }

        return ExitSuccess;
    }

    /// <summary>Why numbers from this build would be meaningless, or null for an optimized build.</summary>
    internal static string? NotOptimizedReason()
    {
        if (s_isDebugBuild)
        {
            return "this is a Debug build";
        }

        // Also catches a Release benchmark assembly run against unoptimized Engine/Market/Kafka builds.
        Assembly[] assemblies =
        [
            typeof(Program).Assembly, typeof(RingBuffer<>).Assembly, typeof(MarketEvent).Assembly, typeof(TickCodec).Assembly,
        ];
        foreach (Assembly assembly in assemblies)
        {
            if (assembly.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true })
            {
                return $"{assembly.GetName().Name} was compiled without optimizations";
            }
        }

        return null;
    }
}
