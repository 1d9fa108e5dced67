using BenchmarkDotNet.Attributes;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// One producer (the benchmark thread) → one handler thread, 64-byte <see cref="Market.MarketEvent"/>s, 64 Ki of
/// buffering for everyone. Each invocation publishes <see cref="EventCount"/> events and returns once the handler has
/// handled the last one, so the time per operation is the time per event, end to end. Every contender is built and its
/// threads started in its own GlobalSetup (one per benchmark, so idle threads of other contenders never compete for
/// the cores) and stopped and checked (count and checksum) in GlobalCleanup.
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class OneToOneBenchmarks
{
    /// <summary>Events per invocation: 4 Mi.</summary>
    public const int EventCount = 1 << 22;

    /// <summary>Slots claimed per <c>Next(n)</c> in <see cref="RingHybridBatch16"/> and <see cref="RingYieldingBatch16"/>.</summary>
    public const int BatchSize = 16;

    private IMacroRig? _rig;

    /// <summary>Events per invocation actually run; only <c>--smoke</c> lowers it (and the operations per invoke with it).</summary>
    internal static int EventsPerInvoke { get; set; } = EventCount;

    [GlobalSetup(Target = nameof(ChannelBounded))]
    public void SetupChannelBounded() => _rig = new ChannelRig();

    [GlobalSetup(Target = nameof(ChannelBoundedSpinning))]
    public void SetupChannelBoundedSpinning() => _rig = new ChannelRig(spinningConsumer: true);

    [GlobalSetup(Target = nameof(BlockingCollectionBounded))]
    public void SetupBlockingCollectionBounded() => _rig = new BlockingCollectionRig();

    [GlobalSetup(Target = nameof(ConcurrentQueuePolling))]
    public void SetupConcurrentQueuePolling() => _rig = new ConcurrentQueueRig();

    [GlobalSetup(Target = nameof(RingHybrid))]
    public void SetupRingHybrid() => _rig = new RingRig(WaitStrategyKind.Hybrid);

    [GlobalSetup(Target = nameof(RingHybridNoCoalescing))]
    public void SetupRingHybridNoCoalescing() => _rig = new RingRig(WaitStrategyKind.Hybrid, coalesceBatch: 0);

    [GlobalSetup(Target = nameof(RingYielding))]
    public void SetupRingYielding() => _rig = new RingRig(WaitStrategyKind.Yielding);

    [GlobalSetup(Target = nameof(RingBusySpin))]
    public void SetupRingBusySpin() => _rig = new RingRig(WaitStrategyKind.BusySpin);

    [GlobalSetup(Target = nameof(RingBlocking))]
    public void SetupRingBlocking() => _rig = new RingRig(WaitStrategyKind.Blocking);

    [GlobalSetup(Target = nameof(RingHybridBatch16))]
    public void SetupRingHybridBatch16() => _rig = new RingRig(WaitStrategyKind.Hybrid, batchSize: BatchSize);

    [GlobalSetup(Target = nameof(RingYieldingBatch16))]
    public void SetupRingYieldingBatch16() => _rig = new RingRig(WaitStrategyKind.Yielding, batchSize: BatchSize);

    [GlobalCleanup]
    public void Cleanup() => RigCleanup.StopAndVerify(_rig);

    /// <summary>Baseline: bounded Channel, SingleReader/SingleWriter; TryWrite, and an async consumer (await WaitToReadAsync, drain with TryRead).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public void ChannelBounded() => _rig!.Run(EventsPerInvoke);

    /// <summary>The same channel, consumed by a dedicated thread polling TryRead (spin, then yield while empty).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void ChannelBoundedSpinning() => _rig!.Run(EventsPerInvoke);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void BlockingCollectionBounded() => _rig!.Run(EventsPerInvoke);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void ConcurrentQueuePolling() => _rig!.Run(EventsPerInvoke);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybrid() => _rig!.Run(EventsPerInvoke);

    /// <summary>The default, with the handler thread's coalescing turned off (<c>CoalesceBatch = 0</c>): the bimodal
    /// lockstep it fixes.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybridNoCoalescing() => _rig!.Run(EventsPerInvoke);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingYielding() => _rig!.Run(EventsPerInvoke);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingBusySpin() => _rig!.Run(EventsPerInvoke);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingBlocking() => _rig!.Run(EventsPerInvoke);

    /// <summary>Hybrid, the producer claiming 16 slots per <c>Next(16)</c> and publishing the range at once.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingHybridBatch16() => _rig!.Run(EventsPerInvoke);

    /// <summary>Yielding, the producer claiming 16 slots per <c>Next(16)</c> and publishing the range at once.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public void RingYieldingBatch16() => _rig!.Run(EventsPerInvoke);
}
