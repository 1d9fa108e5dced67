using BenchmarkDotNet.Attributes;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// One producer → handlers with parallel stages, each a <see cref="ChecksumHandler"/> on its own thread:
/// <see cref="FanOutShape.Multicast"/> (<c>HandleEventsWith(a, b, c)</c>, each sees every event) and
/// <see cref="FanOutShape.Diamond"/> (<c>HandleEventsWith(a, b).Then(c)</c>, c runs after both). Each invocation publishes
/// <see cref="EventCount"/> events and ends when the last stage handled the last one. The baseline writes each event to
/// one bounded Channel per parallel handler; in the diamond each parallel stage forwards its copy into a channel of its
/// own and a joining stage reads the two in lockstep (<see cref="ChannelJoinStage{THandler}"/>). Four busy threads on a
/// 2-core machine: only the strategies that give the core away are measured for ours; BusySpin starves the thread it waits on.
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class FanOutBenchmarks
{
    /// <summary>Events per invocation: 4 Mi.</summary>
    public const int EventCount = 1 << 22;

    private IMacroRig? _rig;

    [Params(FanOutShape.Multicast, FanOutShape.Diamond)]
    public FanOutShape Shape { get; set; }

    [GlobalSetup(Target = nameof(ChannelFanOut))]
    public void SetupChannelFanOut() => _rig = new ChannelFanOutRig(Shape);

    [GlobalSetup(Target = nameof(ChannelFanOutSpinning))]
    public void SetupChannelFanOutSpinning() => _rig = new ChannelFanOutRig(Shape, spinningStages: true);

    [GlobalSetup(Target = nameof(RingHybrid))]
    public void SetupRingHybrid() => _rig = new RingFanOutRig(Shape, WaitStrategyKind.Hybrid);

    [GlobalSetup(Target = nameof(RingYielding))]
    public void SetupRingYielding() => _rig = new RingFanOutRig(Shape, WaitStrategyKind.Yielding);

    [GlobalSetup(Target = nameof(RingBlocking))]
    public void SetupRingBlocking() => _rig = new RingFanOutRig(Shape, WaitStrategyKind.Blocking);

    [GlobalCleanup]
    public void Cleanup() => RigCleanup.StopAndVerify(_rig);

    /// <summary>Baseline: bounded Channels fanned out to async stages (and, for the diamond, an async joining stage).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public void ChannelFanOut() => _rig!.Run(EventCount);

    /// <summary>The same channels, every stage a dedicated thread polling TryRead (spin, then yield while empty).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void ChannelFanOutSpinning() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybrid() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingYielding() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingBlocking() => _rig!.Run(EventCount);
}
