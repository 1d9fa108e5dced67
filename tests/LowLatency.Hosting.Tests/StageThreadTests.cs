using LowLatency.Hosting.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Tests;

public sealed class StageThreadTests
{
    [Fact]
    public async Task Start_FilterCpuSet_PinsTheFilterThreadFromInsideIt()
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2)
        {
            Assert.Skip("CPU pinning is Linux-only and needs two CPUs to be observable.");
        }

        int cpu = Environment.ProcessorCount - 1;
        using IHost host = TestHosts.Build(o => o.Threads.FilterCpu = cpu);
        await host.StartBounded();

        Assert.Contains($"Stage filter pinned to CPU {cpu}", host.Messages(LogLevel.Information));
        Assert.DoesNotContain(host.Messages(LogLevel.Information), m => m.StartsWith("Stage aggregator pinned", StringComparison.Ordinal));
        // The kernel's view: some thread named "filter" (other tests' pipelines may run their own) may only use that CPU.
        Assert.Contains(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), ThreadsNamed("filter").Select(AllowedCpus));
        await host.StopBounded();
    }

    // Threads of other tests come and go while /proc is listed: a vanished one reads as null and is skipped.
    private static IEnumerable<string> ThreadsNamed(string name) =>
        Directory.EnumerateDirectories("/proc/self/task").Where(t => TryRead(Path.Combine(t, "comm"))?.Trim() == name);

    private static string? AllowedCpus(string task) =>
        TryRead(Path.Combine(task, "status"))?.Split('\n').Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim();

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
