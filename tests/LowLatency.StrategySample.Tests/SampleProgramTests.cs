using System.Diagnostics;
using System.Reflection;
using LowLatency.Market.Tests.Support;

namespace LowLatency.StrategySample.Tests;

/// <summary>The sample's own program as a user runs it: a child process given nothing but <c>replay FILE</c>.</summary>
public sealed class SampleProgramTests
{
    [Fact]
    public async Task Replay_FileOnly_RunsTheSampleStrategyAndPrintsItsSignals()
    {
        string ticks = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");
        string dll = typeof(SampleProgramTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "StrategySampleDll").Value!;
        Assert.True(File.Exists(dll), $"The sample was not built: {dll}");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("replay");
        startInfo.ArgumentList.Add(ticks);

        using Process process = Process.Start(startInfo)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string text = await output;
        Assert.True(process.ExitCode == 0, text + await error);
        Assert.Contains("strategy momentum", text.Split('\n')[0], StringComparison.Ordinal); // the header names the default
        Assert.Contains("strategy     momentum: saw 451,183 trades and 0 quotes", text, StringComparison.Ordinal);
        Assert.Matches(@"first 10 of [0-9,]+ signals", text);
        Assert.Matches(@"SPY\s+(buy |sell) [0-9]+ limit @ 16[5-7]\.[0-9]+\s+momentum_(up|down)", text);
    }
}
