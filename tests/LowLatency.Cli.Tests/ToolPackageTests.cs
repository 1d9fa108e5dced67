using System.Diagnostics;

namespace LowLatency.Cli.Tests;

/// <summary>
/// The console tool as users install it: the LowLatency.Cli package from the folder CI packs into
/// (<c>LOWLATENCY_PACKAGES</c>; .ci/run runs <c>dotnet pack LowLatency.sln -c Release -o DIR</c> first), installed with
/// <c>dotnet tool install</c> into a temporary tool path, then run by its command name.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    [Trait("Category", "Package")]
    public void ToolInstall_FromThePackedFolder_RunsAsLowlatency()
    {
        string? packages = Environment.GetEnvironmentVariable("LOWLATENCY_PACKAGES");
        if (string.IsNullOrEmpty(packages))
        {
            Assert.Skip("Set LOWLATENCY_PACKAGES to a folder holding the packed LowLatency.Cli (.ci/run packs one: dotnet pack LowLatency.sln -c Release -o DIR).");
        }

        string package = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(packages, "LowLatency.Cli.*.nupkg")));
        string version = package["LowLatency.Cli.".Length..];
        string toolPath = Directory.CreateTempSubdirectory("lowlatency-tool-").FullName;
        try
        {
            (int installed, string installLog) = Run("dotnet", toolPath,
                "tool", "install", "LowLatency.Cli", "--tool-path", toolPath, "--add-source", packages, "--version", version);
            Assert.True(installed == 0, installLog);

            (int exit, string output) = Run(Path.Combine(toolPath, "lowlatency"), toolPath, "run", "--events", "100k");

            Assert.True(exit == 0, output);
            Assert.Contains("published    100,000", output, StringComparison.Ordinal);
            Assert.Contains("stages: ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(toolPath, recursive: true);
        }
    }

    /// <summary>Runs a program to its end (killed after <see cref="StepTimeout"/>); its exit code and both streams.</summary>
    private static (int ExitCode, string Output) Run(string program, string workingDirectory, params string[] args)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(startInfo)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{program} {string.Join(' ', args)}' did not finish within {StepTimeout.TotalMinutes:0} minutes.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
