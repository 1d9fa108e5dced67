using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Macro;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks;

/// <summary>
/// The producer's side of the ring alone: claim a slot, copy a 64-byte event into it, publish, on the benchmark
/// thread, <see cref="EventsPerInvoke"/> events per invocation. Without a consumer nothing gates the producer, so
/// this is the bare cost of the sequencer (single producer: plain increments and one release store; multi producer:
/// an atomic add and a per-slot flag, uncontended here, see <c>ThreeToOneBenchmarks</c> for contention), of the
/// claim scope, and of claiming 16 at a time. The <c>*Consumer</c> cases add one trivial handler thread
/// (<see cref="ChecksumHandler"/>), so the producer also reads the consumer's sequence and waits when the ring is full;
/// only two threads, so BusySpin makes sense here. Baseline: a bounded Channel's TryWrite then TryRead of the same
/// event on the same thread (its cheapest hand-off: the lock, no waiting).
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
public class RingPrimitivesBenchmarks
{
    /// <summary>Events per invocation (a multiple of <see cref="BatchSize"/>).</summary>
    public const int EventsPerInvoke = 1024;

    /// <summary>Slots per claim in the batched cases.</summary>
    public const int BatchSize = 16;

    private RingBuffer<MarketEvent> _ring = null!;
    private ChannelWriter<MarketEvent> _writer = null!;
    private ChannelReader<MarketEvent> _reader = null!;
    private EventPipeline<MarketEvent>? _pipeline;
    private StallWatchdog? _watchdog;
    private MarketEvent _event;
    private long _published;

    [GlobalSetup(Target = nameof(ChannelWriteRead))]
    public void SetupChannel()
    {
        Channel<MarketEvent> channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(MacroSizes.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        (_writer, _reader) = (channel.Writer, channel.Reader);
        _event = new EventSource()[0];
    }

    [GlobalSetup(Targets = [nameof(SingleNextPublish), nameof(SingleClaimScope), nameof(SingleTryNext), nameof(SingleBatch16)])]
    public void SetupSingle() => Setup(RingBuffer<MarketEvent>.CreateSingleProducer(MacroSizes.Capacity));

    [GlobalSetup(Targets = [nameof(MultiNextPublish), nameof(MultiBatch16)])]
    public void SetupMulti() => Setup(RingBuffer<MarketEvent>.CreateMultiProducer(MacroSizes.Capacity));

    [GlobalSetup(Target = nameof(SingleHybridConsumer))]
    public void SetupSingleHybridConsumer() => SetupWithConsumer(ProducerType.Single, WaitStrategyKind.Hybrid);

    [GlobalSetup(Target = nameof(SingleBusySpinConsumer))]
    public void SetupSingleBusySpinConsumer() => SetupWithConsumer(ProducerType.Single, WaitStrategyKind.BusySpin);

    [GlobalSetup(Target = nameof(MultiHybridConsumer))]
    public void SetupMultiHybridConsumer() => SetupWithConsumer(ProducerType.Multi, WaitStrategyKind.Hybrid);

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_pipeline is null)
        {
            return;
        }

        _watchdog!.Dispose();
        bool drained = _pipeline.Shutdown(BoundedSpin.Timeout);
        long handled = _pipeline.GetProcessor<ChecksumHandler>().Handler.Count;
        _pipeline.Dispose();
        if (!drained || handled != _published)
        {
            throw new InvalidOperationException($"The consumer handled {handled} of {_published} events (drained: {drained}).");
        }
    }

    /// <summary>Baseline: bounded Channel (SingleReader/SingleWriter), TryWrite then TryRead on one thread.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvoke)]
    public long ChannelWriteRead()
    {
        ChannelWriter<MarketEvent> writer = _writer;
        ChannelReader<MarketEvent> reader = _reader;
        long sum = 0;
        for (int i = 0; i < EventsPerInvoke; i++)
        {
            if (!writer.TryWrite(_event) || !reader.TryRead(out MarketEvent e))
            {
                throw new InvalidOperationException("The channel refused a write or a read.");
            }

            sum += e.Price.Raw;
        }

        return sum;
    }

    /// <summary>Single producer, no consumer: <c>Next()</c>, write the slot in place, <c>Publish(sequence)</c>.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long SingleNextPublish() => NextPublish();

    /// <summary>Single producer, no consumer: <c>using var claim = ring.ClaimNext()</c>, publish on Dispose.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long SingleClaimScope()
    {
        RingBuffer<MarketEvent> ring = _ring;
        long last = 0;
        for (int i = 0; i < EventsPerInvoke; i++)
        {
            using RingBuffer<MarketEvent>.Claim claim = ring.ClaimNext();
            ref MarketEvent slot = ref claim.Event;
            slot = _event;
            slot.TimestampNs = claim.Sequence;
            last = claim.Sequence;
        }

        return last;
    }

    /// <summary>Single producer, no consumer: <c>TryNext</c>, which never waits (the ring is never full here).</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long SingleTryNext()
    {
        RingBuffer<MarketEvent> ring = _ring;
        long sequence = 0;
        for (int i = 0; i < EventsPerInvoke; i++)
        {
            if (!ring.TryNext(out sequence))
            {
                throw new InvalidOperationException("TryNext failed on a ring without consumers.");
            }

            ref MarketEvent slot = ref ring[sequence];
            slot = _event;
            slot.TimestampNs = sequence;
            ring.Publish(sequence);
        }

        return sequence;
    }

    /// <summary>Single producer, no consumer: <c>Next(16)</c>, 16 slots written, <c>Publish(low, high)</c>.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long SingleBatch16() => NextPublishBatched();

    /// <summary>Multi-producer sequencer used by one thread, no consumer: the price of the atomic claim and slot flags.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long MultiNextPublish() => NextPublish();

    /// <summary>Multi-producer sequencer, one thread, no consumer, 16 slots per claim.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long MultiBatch16() => NextPublishBatched();

    /// <summary>Single producer, one trivial handler thread waiting with Hybrid (the default).</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long SingleHybridConsumer() => NextPublish();

    /// <summary>Single producer, one trivial handler thread busy-spinning (two threads, two cores).</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long SingleBusySpinConsumer() => NextPublish();

    /// <summary>Multi-producer sequencer (one thread), one trivial handler thread with Hybrid.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long MultiHybridConsumer() => NextPublish();

    private long NextPublish()
    {
        RingBuffer<MarketEvent> ring = _ring;
        long sequence = 0;
        for (int i = 0; i < EventsPerInvoke; i++)
        {
            sequence = ring.Next();
            ref MarketEvent slot = ref ring[sequence];
            slot = _event;
            slot.TimestampNs = sequence;
            ring.Publish(sequence);
        }

        _published += EventsPerInvoke;
        return sequence;
    }

    private long NextPublishBatched()
    {
        RingBuffer<MarketEvent> ring = _ring;
        long high = 0;
        for (int i = 0; i < EventsPerInvoke; i += BatchSize)
        {
            high = ring.Next(BatchSize);
            long low = high - BatchSize + 1;
            for (long sequence = low; sequence <= high; sequence++)
            {
                ref MarketEvent slot = ref ring[sequence];
                slot = _event;
                slot.TimestampNs = sequence;
            }

            ring.Publish(low, high);
        }

        _published += EventsPerInvoke;
        return high;
    }

    private void Setup(RingBuffer<MarketEvent> ring)
    {
        _ring = ring;
        _event = new EventSource()[0];
    }

    private void SetupWithConsumer(ProducerType producerType, WaitStrategyKind waitStrategy)
    {
        _pipeline = new EventPipeline<MarketEvent>(MacroSizes.Capacity, producerType, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
        };
        _pipeline.HandleEventsWith(new ChecksumHandler());
        Sequence handled = _pipeline.GetProcessor<ChecksumHandler>().Sequence;
        RingBuffer<MarketEvent> ring = _pipeline.RingBuffer;
        _watchdog = new StallWatchdog(() => ring.Sequencer.HighestClaimed, () => handled.Value, _pipeline.Halt);
        _pipeline.Start();
        Setup(ring);
    }
}
