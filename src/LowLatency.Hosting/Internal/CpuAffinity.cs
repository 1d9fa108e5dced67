using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace LowLatency.Hosting.Internal;

/// <summary>Linux thread pinning. sched_setaffinity with pid 0 applies to the calling thread only, so it must run on
/// the thread being pinned (the engine's ThreadStarting hook does that).</summary>
[SupportedOSPlatform("linux")]
internal static partial class CpuAffinity
{
    // cpu_set_t is 1024 bits in glibc and musl.
    private const int CpuSetWords = 16;

    public const int MaxCpu = CpuSetWords * 64 - 1;

    /// <summary>Pins the calling thread to <paramref name="cpu"/>; returns 0 or the errno (e.g. 22 EINVAL: CPU not allowed here).</summary>
    public static int PinCurrentThread(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpu, MaxCpu);
        Span<ulong> set = stackalloc ulong[CpuSetWords];
        set.Clear();
        set[cpu / 64] = 1UL << (cpu % 64);
        return SchedSetAffinity(0, CpuSetWords * sizeof(ulong), ref set[0]) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>The CPUs the calling thread may run on.</summary>
    public static List<int> CurrentThreadCpus()
    {
        Span<ulong> set = stackalloc ulong[CpuSetWords];
        set.Clear();
        var cpus = new List<int>();
        if (SchedGetAffinity(0, CpuSetWords * sizeof(ulong), ref set[0]) != 0)
        {
            return cpus;
        }

        for (int cpu = 0; cpu <= MaxCpu; cpu++)
        {
            if ((set[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint cpuSetSize, ref ulong mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nuint cpuSetSize, ref ulong mask);
}
