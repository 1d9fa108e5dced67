using BenchmarkDotNet.Attributes;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Three producers → one handler: the benchmark thread plus two long-lived helper producer threads (started in
/// GlobalSetup) each publish a third of <see cref="EventCount"/> events per invocation; the invocation ends when the
/// handler has handled all of them. Ours uses the multi-producer sequencer; the baseline is a bounded Channel with
/// SingleReader = true, SingleWriter = false and an async consumer (plus the spinning-consumer variant). Four busy
/// threads on a 2-core machine: a stress test of contention and of preemption between claim and publish.
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class ThreeToOneBenchmarks
{
    /// <summary>Events per invocation: 3 × 1 Mi, a multiple of the producer count.</summary>
    public const int EventCount = 3 << 20;

    public const int ProducerCount = 3;

    private IMacroRig? _rig;

    [GlobalSetup(Target = nameof(ChannelBounded))]
    public void SetupChannelBounded() => _rig = new ChannelRig(ProducerCount);

    [GlobalSetup(Target = nameof(ChannelBoundedSpinning))]
    public void SetupChannelBoundedSpinning() => _rig = new ChannelRig(ProducerCount, spinningConsumer: true);

    [GlobalSetup(Target = nameof(RingHybrid))]
    public void SetupRingHybrid() => _rig = new RingRig(WaitStrategyKind.Hybrid, ProducerCount);

    [GlobalSetup(Target = nameof(RingYielding))]
    public void SetupRingYielding() => _rig = new RingRig(WaitStrategyKind.Yielding, ProducerCount);

    [GlobalCleanup]
    public void Cleanup() => RigCleanup.StopAndVerify(_rig);

    /// <summary>Baseline: bounded Channel, SingleReader = true, SingleWriter = false; TryWrite, async consumer.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public void ChannelBounded() => _rig!.Run(EventCount);

    /// <summary>The same channel, consumed by a dedicated thread polling TryRead (spin, then yield while empty).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void ChannelBoundedSpinning() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybrid() => _rig!.Run(EventCount);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingYielding() => _rig!.Run(EventCount);
}
