using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Ours, one handler: an <see cref="EventPipeline{T}"/> with a <see cref="ChecksumHandler"/> on its own thread, fed by
/// one producer (single-producer sequencer) or several (multi-producer sequencer, see <see cref="ProducerGang"/>).
/// Producers claim a slot, copy the event into it in place and publish; with a batch size above 1 a producer claims
/// that many slots with one <c>Next(n)</c> and publishes the range with one <c>Publish(low, high)</c>.
/// </summary>
internal sealed class RingRig : IMacroRig
{
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly Sequence _handled;
    private readonly EventSource _source = new();
    private readonly Watchdog _watchdog;
    private readonly ProducerGang? _gang;
    private readonly int _batchSize;
    private readonly string _name;
    private long _published;

    public RingRig(WaitStrategyKind waitStrategy, int producerCount = 1, int batchSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _name = $"Ring {waitStrategy} x{producerCount} batch {batchSize}";
        _batchSize = batchSize;
        ProducerType producerType = producerCount == 1 ? ProducerType.Single : ProducerType.Multi;
        _pipeline = new EventPipeline<MarketEvent>(MacroSizes.Capacity, producerType, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
        };
        _pipeline.HandleEventsWith(new ChecksumHandler());
        _handled = _pipeline.GetProcessor<ChecksumHandler>().Sequence;
        _ring = _pipeline.RingBuffer;
        _watchdog = new Watchdog(_pipeline.Halt);
        if (producerCount > 1)
        {
            _gang = new ProducerGang(producerCount, (_, count) => PublishOneByOne(count));
        }

        _pipeline.Start();
    }

    public void Run(int eventCount)
    {
        if (eventCount % _batchSize != 0)
        {
            throw new ArgumentException($"The event count must be a multiple of the batch size {_batchSize}.", nameof(eventCount));
        }

        _watchdog.Arm();
        try
        {
            if (_gang is not null)
            {
                _gang.Run(_published, eventCount);
            }
            else if (_batchSize == 1)
            {
                PublishOneByOne(eventCount);
            }
            else
            {
                PublishInBatches(eventCount);
            }
        }
        catch (PipelineHaltedException ex) when (_watchdog.Fired)
        {
            throw new TimeoutException($"{_name}: a claim waited more than {BoundedSpin.Timeout.TotalSeconds:0} s for the handler.", ex);
        }

        _published += eventCount;
        var spin = new BoundedSpin();
        while (_handled.Value < _published - 1)
        {
            if (_pipeline.State == PipelineState.Halted)
            {
                throw new InvalidOperationException($"{_name}: the pipeline halted.", _pipeline.HaltingFault?.Exception);
            }

            spin.SpinOnce("the ring's handler to catch up");
        }

        _watchdog.Disarm();
    }

    public void StopAndVerify()
    {
        _watchdog.Dispose();
        _gang?.Stop();
        bool drained = _pipeline.Shutdown(BoundedSpin.Timeout);
        ChecksumHandler handler = _pipeline.GetProcessor<ChecksumHandler>().Handler;
        _pipeline.Dispose();
        if (!drained)
        {
            throw new InvalidOperationException($"{_name}: the pipeline did not drain on shutdown ({_pipeline.State}).");
        }

        handler.Verify(_name, _published, _source);
    }

    // The producer loop the CLI's producer runs: claim, fill the slot in place, publish.
    private void PublishOneByOne(int count)
    {
        RingBuffer<MarketEvent> ring = _ring;
        EventSource source = _source;
        for (int i = 0; i < count; i++)
        {
            long sequence = ring.Next();
            ring[sequence] = source[sequence];
            ring.Publish(sequence);
        }
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
