using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using LowLatency.Hosting.Tests.Support;

namespace LowLatency.Hosting.Tests;

/// <summary>The sample host as a real process: started with `dotnet`, sent SIGTERM, must drain and exit 0.</summary>
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
        string dll = typeof(HostSampleProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "HostSampleDll").Value!;
        Assert.True(File.Exists(dll), $"The sample host was not built: {dll}");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, // content root: the appsettings.json next to the dll
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--LowLatency:StatusInterval=00:00:00.3");
        startInfo.ArgumentList.Add("--LowLatency:WarmupEvents=20000");
        startInfo.ArgumentList.Add("--LowLatency:Generator:EventsPerSecond=50000");
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var lines = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Enqueue(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Enqueue(lines, e.Data);
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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
}
