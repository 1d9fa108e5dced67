using BenchmarkDotNet.Attributes;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// One producer → two parallel handlers → one handler that runs only after both (<c>HandleEventsWith(a, b).Then(c)</c>),
/// each a <see cref="ChecksumHandler"/> on its own thread. Each invocation publishes <see cref="EventCount"/> events and
/// ends when c handled the last one. The baseline writes each event to two bounded Channels; each parallel stage
/// forwards its copy into a channel of its own and a joining stage reads the two in lockstep
/// (<see cref="ChannelJoinStage{THandler}"/>). Four busy threads on 2 cores: Hybrid, Yielding and Blocking only.
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class DiamondBenchmarks
{
    /// <summary>Events per invocation: 4 Mi.</summary>
    public const int EventCount = 1 << 22;

    private IMacroRig? _rig;

    [GlobalSetup(Target = nameof(ChannelDiamond))]
    public void SetupChannelDiamond() => _rig = new ChannelFanOutRig(FanOutShape.Diamond);

    [GlobalSetup(Target = nameof(ChannelDiamondSpinning))]
    public void SetupChannelDiamondSpinning() => _rig = new ChannelFanOutRig(FanOutShape.Diamond, spinningStages: true);

    [GlobalSetup(Target = nameof(RingHybrid))]
    public void SetupRingHybrid() => _rig = new RingFanOutRig(FanOutShape.Diamond, WaitStrategyKind.Hybrid);

    [GlobalSetup(Target = nameof(RingYielding))]
    public void SetupRingYielding() => _rig = new RingFanOutRig(FanOutShape.Diamond, WaitStrategyKind.Yielding);

    [GlobalSetup(Target = nameof(RingBlocking))]
    public void SetupRingBlocking() => _rig = new RingFanOutRig(FanOutShape.Diamond, WaitStrategyKind.Blocking);

    [GlobalCleanup]
    public void Cleanup() => RigCleanup.StopAndVerify(_rig);

    /// <summary>Baseline: two bounded Channels fanned out, two forwarding async stages, an async joining stage.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public void ChannelDiamond() => _rig!.Run(EventCount);

    /// <summary>The same channels, every stage a dedicated thread polling TryRead (spin, then yield while empty).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void ChannelDiamondSpinning() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybrid() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingYielding() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingBlocking() => _rig!.Run(EventCount);
}
