using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace LowLatency.Benchmarks.Latency;

/// <summary>Where a latency run ran: enough to tell two reports' machines and builds apart.</summary>
internal sealed record RunEnvironment(
    string MachineName,
    string Os,
    string CpuModel,
    int LogicalCores,
    string DotNet,
    string RuntimeIdentifier,
    string Gc,
    string GitCommit)
{
    public static RunEnvironment Capture() => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        ReadCpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.RuntimeIdentifier,
        (GCSettings.IsServerGC ? "server" : "workstation") + ", " + GCSettings.LatencyMode,
        ReadGitCommit() ?? "unknown");

    private static string ReadCpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        try
        {
            if (File.Exists(CpuInfo))
            {
                foreach (string line in File.ReadLines(CpuInfo))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is int colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary><c>git rev-parse HEAD</c> in the current directory, or null (no git, not a repository, 5 s passed).</summary>
    private static string? ReadGitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Environment.CurrentDirectory,
            });
            if (git is null)
            {
                return null;
            }

            Task<string> output = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(5_000))
            {
                git.Kill();
                return null;
            }

            string commit = output.Result.Trim();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
