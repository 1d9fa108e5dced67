using BenchmarkDotNet.Attributes;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// One producer → filter → aggregator → strategy, the real Market handlers (<see cref="MarketStages"/>). Each invocation publishes <see cref="EventCount"/> events and ends when the strategy stage has handled
/// the last one. Ours shares one ring between the stages; the baseline chains three bounded Channels with three
/// consumers (async, the baseline; or spinning dedicated threads) running the same handler structs on copies. Ours runs
/// one thread per stage (<see cref="StageTopology.Threaded"/>: four busy threads on a 2-core machine, so only the
/// strategies that give the core away, Hybrid and Yielding, are measured), all stages on one thread
/// (<see cref="StageTopology.Fused"/>) and as <see cref="StageTopology.Auto"/> decides.
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class PipelineBenchmarks
{
    /// <summary>Events per invocation: 2 Mi.</summary>
    public const int EventCount = 1 << 21;

    private IMacroRig? _rig;

    [GlobalSetup(Target = nameof(ChannelChain))]
    public void SetupChannelChain() => _rig = new ChannelPipelineRig();

    [GlobalSetup(Target = nameof(ChannelChainSpinning))]
    public void SetupChannelChainSpinning() => _rig = new ChannelPipelineRig(spinningStages: true);

    [GlobalSetup(Target = nameof(RingHybrid))]
    public void SetupRingHybrid() => _rig = new RingPipelineRig(WaitStrategyKind.Hybrid, StageTopology.Threaded);

    [GlobalSetup(Target = nameof(RingYielding))]
    public void SetupRingYielding() => _rig = new RingPipelineRig(WaitStrategyKind.Yielding, StageTopology.Threaded);

    [GlobalSetup(Target = nameof(RingHybridFused))]
    public void SetupRingHybridFused() => _rig = new RingPipelineRig(WaitStrategyKind.Hybrid, StageTopology.Fused);

    [GlobalSetup(Target = nameof(RingHybridAuto))]
    public void SetupRingHybridAuto() => _rig = new RingPipelineRig(WaitStrategyKind.Hybrid, StageTopology.Auto);

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
    public void RingHybrid() => _rig!.Run(EventCount);

    /// <summary>Yielding, one thread per stage.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingYielding() => _rig!.Run(EventCount);

    /// <summary>Hybrid, the three stages fused on one thread.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybridFused() => _rig!.Run(EventCount);

    /// <summary>Hybrid, the topology <see cref="StageTopology.Auto"/> picks for this machine.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybridAuto() => _rig!.Run(EventCount);
}
