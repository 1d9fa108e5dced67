using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using LowLatency.Hosting.Tests.Support;

namespace LowLatency.Hosting.Tests;

/// <summary>The sample host as a real process: started with `dotnet`, sent SIGTERM (or stopping by itself), must
/// drain and exit 0; with telemetry on, the metrics reach the console exporter.</summary>
public sealed partial class HostSampleProcessTests
{
    [Fact]
    public async Task Sigterm_WhileGenerating_DrainsEveryStageAndExitsZero()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGTERM is a POSIX signal.");
        }

        CancellationToken cancellation = TestContext.Current.CancellationToken;
        var lines = new ConcurrentQueue<string>();
        using Process process = StartSample(lines, lines,
            "--LowLatency:StatusInterval=00:00:00.3", "--LowLatency:WarmupEvents=20000", "--LowLatency:Generator:EventsPerSecond=50000");
        try
        {
            Assert.True(await TestHosts.Eventually(() => lines.Any(l => l.Contains("Status: ", StringComparison.Ordinal)) || process.HasExited),
                "no status line: " + string.Join('\n', lines));
            Assert.False(process.HasExited, "the host exited early: " + string.Join('\n', lines));

            using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancellation).WaitAsync(TestHosts.Timeout, cancellation);
            }

            await process.WaitForExitAsync(cancellation).WaitAsync(TestHosts.Timeout, cancellation);
            process.WaitForExit(); // flushes the redirected output
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string output = string.Join('\n', lines);
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{output}");
        Assert.Contains("Application is shutting down...", output);
        Match drained = DrainedLine().Match(output);
        Assert.True(drained.Success, output);
        long published = long.Parse(drained.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(published > 0);
        var stages = StageLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => (long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Value));
        Assert.Equal(["filter", "aggregator", "strategy"], stages.Keys);
        Assert.All(stages.Values, s => Assert.Equal((published, "0"), s));
        Assert.Contains($"Stopping: the Generator input published {published} events", output);
    }

    [Fact]
    public async Task Telemetry_Console_PrintsEveryInstrumentWithItsUnitAndTheDrainedCounts()
    {
        var output = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        using Process process = StartSample(output, errors, "--Telemetry:Exporter=Console", "--LowLatency:WarmupEvents=0",
            "--LowLatency:Generator:Events=20000", "--LowLatency:Generator:EventsPerSecond=0", "--LowLatency:StopWhenInputEnds=true");

        int exitCode = await WaitForExit(process);

        string text = string.Join('\n', output);
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{text}\n{string.Join('\n', errors)}");
        Dictionary<string, string> units = MetricLine().Matches(text).DistinctBy(m => m.Groups[1].Value)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(InstrumentUnits.ByName, units);
        // The export after the stop reads the drained pipeline: every generated event was published.
        Assert.Equal("20000", PublishedValue().Match(text).Groups[1].Value);
    }

    [Fact]
    public async Task Telemetry_BadExporter_OneLineNamingTheKeyAndExitTwo()
    {
        var output = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        using Process process = StartSample(output, errors, "--Telemetry:Exporter=prometheus");

        int exitCode = await WaitForExit(process);

        Assert.Equal(2, exitCode);
        Assert.Equal(["error: Telemetry:Exporter must be one of None, Console, Otlp (got 'prometheus')."], errors);
    }

    /// <summary>Starts the built sample with <paramref name="args"/>, its content root next to the dll (its
    /// appsettings.json); standard output and error lines go to the two queues (which may be the same).</summary>
    private static Process StartSample(ConcurrentQueue<string> output, ConcurrentQueue<string> errors, params string[] args)
    {
        string dll = typeof(HostSampleProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "HostSampleDll").Value!;
        Assert.True(File.Exists(dll), $"The sample host was not built: {dll}");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Enqueue(output, e.Data);
        process.ErrorDataReceived += (_, e) => Enqueue(errors, e.Data);
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits (bounded) for a sample that stops by itself; its exit code, with all its output read.</summary>
    private static async Task<int> WaitForExit(Process process)
    {
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit(); // flushes the redirected output
        return process.ExitCode;
    }

    private static void Enqueue(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"Pipeline drained: all (\d+) published events went through every stage")]
    private static partial Regex DrainedLine();

    [GeneratedRegex(@"Stage (\w+) processed (\d+) events \((\d+) failed\)")]
    private static partial Regex StageLine();

    /// <summary>The console exporter's heading of one metric: its name and unit.</summary>
    [GeneratedRegex(@"Metric Name: ([a-z0-9.]+), Description: [^\n]*, Unit: ([^,\n]+), Metric Type:")]
    private static partial Regex MetricLine();

    [GeneratedRegex(@"Metric Name: lowlatency\.events\.published,.*?Value: (\d+)", RegexOptions.Singleline)]
    private static partial Regex PublishedValue();
}
