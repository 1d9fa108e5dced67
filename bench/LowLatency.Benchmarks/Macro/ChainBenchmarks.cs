using BenchmarkDotNet.Attributes;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Producer → stage 1 → stage 2 → stage 3 on the 64-byte <see cref="Market.MarketEvent"/>: each stage reads the price and
/// the previous stage's value from the slot, writes its own value into the slot and adds it to its checksum
/// (<see cref="ChainStageHandler"/>); every stage's checksum is checked against a reference at cleanup. The benchmark
/// thread publishes one event at a time; an invocation ends when stage 3 has handled the last event. Ours runs the
/// chain one thread per stage (<see cref="StageTopology.Threaded"/>: the shape the targets are for), all
/// stages on one thread (<see cref="StageTopology.Fused"/>) and as <see cref="StageTopology.Auto"/> decides; the
/// baseline chains three bounded Channels (async stages, or spinning dedicated threads).
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class ChainBenchmarks
{
    /// <summary>Events per invocation: 4 Mi.</summary>
    public const int EventCount = 1 << 22;

    private IMacroRig? _rig;

    [GlobalSetup(Target = nameof(ChannelChain))]
    public void SetupChannelChain() => _rig = new ChannelChainRig();

    [GlobalSetup(Target = nameof(ChannelChainSpinning))]
    public void SetupChannelChainSpinning() => _rig = new ChannelChainRig(spinningStages: true);

    [GlobalSetup(Target = nameof(RingHybridThreaded))]
    public void SetupRingHybridThreaded() => _rig = new RingChainRig(WaitStrategyKind.Hybrid, StageTopology.Threaded);

    [GlobalSetup(Target = nameof(RingYieldingThreaded))]
    public void SetupRingYieldingThreaded() => _rig = new RingChainRig(WaitStrategyKind.Yielding, StageTopology.Threaded);

    [GlobalSetup(Target = nameof(RingHybridFused))]
    public void SetupRingHybridFused() => _rig = new RingChainRig(WaitStrategyKind.Hybrid, StageTopology.Fused);

    [GlobalSetup(Target = nameof(RingHybridAuto))]
    public void SetupRingHybridAuto() => _rig = new RingChainRig(WaitStrategyKind.Hybrid, StageTopology.Auto);

    [GlobalCleanup]
    public void Cleanup() => RigCleanup.StopAndVerify(_rig);

    /// <summary>Baseline: three chained bounded Channels (SingleReader/SingleWriter), three async stages.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public void ChannelChain() => _rig!.Run(EventCount);

    /// <summary>The same chain, each stage a dedicated thread polling TryRead (spin, then yield while empty).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void ChannelChainSpinning() => _rig!.Run(EventCount);

    /// <summary>Hybrid (the default strategy), one thread per stage.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybridThreaded() => _rig!.Run(EventCount);

    /// <summary>Yielding, one thread per stage.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingYieldingThreaded() => _rig!.Run(EventCount);

    /// <summary>Hybrid, the three stages fused on one thread.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybridFused() => _rig!.Run(EventCount);

    /// <summary>Hybrid, the topology <see cref="StageTopology.Auto"/> picks for this machine.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybridAuto() => _rig!.Run(EventCount);
}
