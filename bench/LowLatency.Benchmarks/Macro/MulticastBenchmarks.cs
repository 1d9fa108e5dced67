using BenchmarkDotNet.Attributes;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// One producer → three parallel handlers that each see every event (<c>HandleEventsWith(a, b, c)</c>), each a
/// <see cref="ChecksumHandler"/> on its own thread. Each invocation publishes <see cref="EventCount"/> events and ends
/// when all three handled the last one. The baseline writes each event to three bounded Channels, one per async
/// consumer. Four busy threads on a 2-core machine: only the strategies that give the core away are measured for ours
/// (Hybrid, Yielding, Blocking); BusySpin starves the thread it waits on.
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class MulticastBenchmarks
{
    /// <summary>Events per invocation: 4 Mi.</summary>
    public const int EventCount = 1 << 22;

    private IMacroRig? _rig;

    [GlobalSetup(Target = nameof(ChannelFanOut))]
    public void SetupChannelFanOut() => _rig = new ChannelFanOutRig(FanOutShape.Multicast);

    [GlobalSetup(Target = nameof(ChannelFanOutSpinning))]
    public void SetupChannelFanOutSpinning() => _rig = new ChannelFanOutRig(FanOutShape.Multicast, spinningStages: true);

    [GlobalSetup(Target = nameof(RingHybrid))]
    public void SetupRingHybrid() => _rig = new RingFanOutRig(FanOutShape.Multicast, WaitStrategyKind.Hybrid);

    [GlobalSetup(Target = nameof(RingYielding))]
    public void SetupRingYielding() => _rig = new RingFanOutRig(FanOutShape.Multicast, WaitStrategyKind.Yielding);

    [GlobalSetup(Target = nameof(RingBlocking))]
    public void SetupRingBlocking() => _rig = new RingFanOutRig(FanOutShape.Multicast, WaitStrategyKind.Blocking);

    [GlobalCleanup]
    public void Cleanup() => RigCleanup.StopAndVerify(_rig);

    /// <summary>Baseline: the producer writes every event to three bounded Channels, each read by an async consumer.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public void ChannelFanOut() => _rig!.Run(EventCount);

    /// <summary>The same three channels, each consumer a dedicated thread polling TryRead (spin, then yield while empty).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void ChannelFanOutSpinning() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybrid() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingYielding() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingBlocking() => _rig!.Run(EventCount);
}
