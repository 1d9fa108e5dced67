using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Ours, one handler: an <see cref="EventPipeline{T}"/> with a <see cref="ChecksumHandler"/> on its own thread, fed by
/// one producer (single-producer sequencer) or several (multi-producer sequencer, see <see cref="ProducerGang"/>).
/// Producers claim a slot, copy the event into it in place and publish; with a batch size above 1 a producer claims
/// that many slots with one <c>Next(n)</c> and publishes the range with one <c>Publish(low, high)</c>. The handler
/// runs on its own thread (<see cref="StageTopology.Threaded"/>, set explicitly: the rows claim a handler thread).
/// </summary>
internal sealed class RingRig : IMacroRig
{
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly EventSource _source = new();
    private readonly RingRigRunner _runner;
    private readonly Action<int> _publish;
    private readonly ProducerGang? _gang;
    private readonly int _batchSize;
    private readonly string _name;

    /// <param name="waitStrategy">How the handler waits.</param>
    /// <param name="producerCount">Publishing threads; more than one uses the multi-producer sequencer.</param>
    /// <param name="batchSize">Slots each producer claims and publishes at once.</param>
    /// <param name="coalesceBatch">The handler thread's <see cref="EventPipeline{T}.CoalesceBatch"/> (0: off).</param>
    public RingRig(WaitStrategyKind waitStrategy, int producerCount = 1, int batchSize = 1,
        int coalesceBatch = EventPipeline<MarketEvent>.DefaultCoalesceBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _name = $"Ring {waitStrategy} x{producerCount} batch {batchSize} coalesce {coalesceBatch}";
        _batchSize = batchSize;
        ProducerType producerType = producerCount == 1 ? ProducerType.Single : ProducerType.Multi;
        _pipeline = new EventPipeline<MarketEvent>(MacroSizes.Capacity, producerType, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
            Topology = StageTopology.Threaded,
            CoalesceBatch = coalesceBatch,
        };
        _pipeline.HandleEventsWith(new ChecksumHandler());
        _ring = _pipeline.RingBuffer;
        if (producerCount > 1)
        {
            _gang = new ProducerGang(producerCount, (_, count) => _source.PublishOneByOne(_ring, count));
            _publish = count => _gang.Run(_runner!.Published, count);
        }
        else
        {
            _publish = batchSize == 1 ? count => _source.PublishOneByOne(_ring, count) : PublishInBatches;
        }

        _runner = new RingRigRunner(_name, _pipeline, [_pipeline.GetProcessor<ChecksumHandler>().Sequence]);
    }

    public void Run(int eventCount)
    {
        if (eventCount % _batchSize != 0)
        {
            throw new ArgumentException($"The event count must be a multiple of the batch size {_batchSize}.", nameof(eventCount));
        }

        _runner.Run(eventCount, _publish, "the ring's handler to catch up");
    }

    public void StopAndVerify()
    {
        _runner.Stop(_gang is null ? null : _gang.Stop);
        _pipeline.GetProcessor<ChecksumHandler>().Handler.Verify(_name, _runner.Published, _source);
    }

    private void PublishInBatches(int count)
    {
        RingBuffer<MarketEvent> ring = _ring;
        EventSource source = _source;
        int batch = _batchSize;
        for (int i = 0; i < count; i += batch)
        {
            long high = ring.Next(batch);
            long low = high - batch + 1;
            for (long sequence = low; sequence <= high; sequence++)
            {
                ring[sequence] = source[sequence];
            }

            ring.Publish(low, high);
        }
    }
}
