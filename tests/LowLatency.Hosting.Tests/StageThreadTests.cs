using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Tests;

public sealed class StageThreadTests
{
    [Fact]
    public async Task Start_FilterCpuSet_PinsTheFilterThreadFromInsideIt()
    {
        SkipUnlessPinningObservable();

        int cpu = Environment.ProcessorCount - 1;
        using IHost host = TestHosts.Build(o =>
        {
            o.Topology = StageTopology.Threaded;
            o.Threads.FilterCpu = cpu;
        });
        await host.StartBounded();

        Assert.Contains($"Stage filter pinned to CPU {cpu}", host.Messages(LogLevel.Information));
        Assert.DoesNotContain(host.Messages(LogLevel.Information), m => m.StartsWith("Stage aggregator pinned", StringComparison.Ordinal));
        // The kernel's view: some thread named "filter" (other tests' pipelines may run their own) may only use that CPU.
        Assert.Contains(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), ThreadsNamed("filter").Select(AllowedCpus));
        await host.StopBounded();
    }

    [Fact]
    public async Task Start_FusedWithFilterCpu_PinsTheSharedThread()
    {
        SkipUnlessPinningObservable();

        int cpu = Environment.ProcessorCount - 1;
        using IHost host = TestHosts.Build(o =>
        {
            o.Topology = StageTopology.Fused;
            o.Threads.FilterCpu = cpu;
            o.Threads.StrategyCpu = cpu;
        });
        await host.StartBounded();

        Assert.Contains($"Stage filter pinned to CPU {cpu}", host.Messages(LogLevel.Information));
        Assert.Contains(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ThreadsNamed("filter+aggregator+strategy").Select(AllowedCpus));
        Assert.Contains(host.Messages(LogLevel.Information),
            m => m.StartsWith("Pipeline started:", StringComparison.Ordinal) && m.EndsWith("stages 1 thread (filter → aggregator → strategy), topology fused", StringComparison.Ordinal));
        await host.StopBounded();
    }

    [Fact]
    public async Task Start_AutoWithStagesPinnedToDifferentCpus_GivesEachPinnedStageItsThread()
    {
        SkipUnlessPinningObservable();

        using IHost host = TestHosts.Build(o =>
        {
            o.Threads.FilterCpu = 0;
            o.Threads.StrategyCpu = 1;
        });
        await host.StartBounded();

        Assert.Contains("Stage filter pinned to CPU 0", host.Messages(LogLevel.Information));
        Assert.Contains("Stage strategy pinned to CPU 1", host.Messages(LogLevel.Information));
        await host.StopBounded();
    }

    [Fact]
    public async Task Start_FusedStagesPinnedToDifferentCpus_RefusesNamingBoth()
    {
        SkipUnlessPinningObservable();

        using IHost host = TestHosts.Build(o =>
        {
            o.Topology = StageTopology.Fused;
            o.Threads.FilterCpu = 0;
            o.Threads.StrategyCpu = 1;
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken));
        Assert.Contains("Stages 'filter' and 'strategy' run on one thread (LowLatency:Topology Fused) but LowLatency:Threads pins them to CPUs 0 and 1", error.Message);
    }

    // Threads of other tests come and go while /proc is listed: a vanished one reads as null and is skipped.
    private static void SkipUnlessPinningObservable()
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2)
        {
            Assert.Skip("CPU pinning is Linux-only and needs two CPUs to be observable.");
        }
    }

    // Linux keeps the first 15 bytes of a thread's name.
    private static IEnumerable<string> ThreadsNamed(string name) =>
        Directory.EnumerateDirectories("/proc/self/task").Where(t => TryRead(Path.Combine(t, "comm"))?.Trim() == name[..Math.Min(name.Length, 15)]);

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
