using LowLatency.Engine;
using LowLatency.Hosting.Settings;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Internal;

/// <summary>
/// Pins stage threads to the CPUs <c>LowLatency:Threads</c> names, from the engine's ThreadStarting hook, and keeps
/// what went wrong for the host to refuse the start with. Stages fused onto one thread share its CPU, so two of them
/// pinned to different CPUs is a configuration error.
/// </summary>
internal sealed class StageThreadPinning(StageThreadSettings threads, StageTopology topology, ILogger logger)
{
    private readonly List<string> _failures = []; // also the lock: stage threads start concurrently
    private readonly Dictionary<int, (string Stage, int Cpu)> _pinnedThreads = []; // managed thread id -> first pin

    /// <summary>Pinning only exists on Linux, and only when a stage is given a CPU.</summary>
    public static bool Applies(StageThreadSettings threads) => threads.AnyPinned && OperatingSystem.IsLinux();

    /// <summary>The engine's ThreadStarting hook: runs on each stage's thread, before its first event.</summary>
    public void PinStageThread(IEventProcessor stage)
    {
        if (!OperatingSystem.IsLinux() || threads.CpuOf(stage.Name) is not { } cpu)
        {
            return;
        }

        lock (_failures)
        {
            if (_pinnedThreads.TryGetValue(Environment.CurrentManagedThreadId, out (string Stage, int Cpu) first))
            {
                if (first.Cpu != cpu)
                {
                    _failures.Add($"Stages '{first.Stage}' and '{stage.Name}' run on one thread (LowLatency:Topology " +
                        $"{topology}) but LowLatency:Threads pins them to CPUs {first.Cpu} and {cpu}: pin one of them, " +
                        "or set LowLatency:Topology to Threaded.");
                }

                return;
            }

            _pinnedThreads[Environment.CurrentManagedThreadId] = (stage.Name, cpu);
        }

        int errno = CpuAffinity.PinCurrentThread(cpu);
        if (errno == 0)
        {
            Log.Pinned(logger, stage.Name, cpu);
            return;
        }

        lock (_failures)
        {
            _failures.Add($"Stage '{stage.Name}' could not be pinned to CPU {cpu} (LowLatency:Threads): sched_setaffinity " +
                $"failed with errno {errno}{(errno == 22 ? " (EINVAL: that CPU is not available to this process)" : "")}.");
        }
    }

    /// <summary>Every failure so far, one per line; null when there was none. Read after the stage threads started.</summary>
    public string? Failures()
    {
        lock (_failures)
        {
            return _failures.Count == 0 ? null : string.Join(Environment.NewLine, _failures);
        }
    }
}
