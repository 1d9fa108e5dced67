using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Ours, with parallel handlers: one ring, one producer (the benchmark thread), and three <see cref="ChecksumHandler"/>
/// threads wired as a <see cref="FanOutShape.Multicast"/> (<c>HandleEventsWith(a, b, c)</c>) or a
/// <see cref="FanOutShape.Diamond"/> (<c>HandleEventsWith(a, b).Then(c)</c>). Every handler reads the same slot in
/// place; nothing is copied. Done when every last-stage handler reached the last published event.
/// </summary>
internal sealed class RingFanOutRig : IMacroRig
{
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly Sequence[] _lastStage;
    private readonly EventSource _source = new();
    private readonly Watchdog _watchdog;
    private readonly string _name;
    private long _published;

    public RingFanOutRig(FanOutShape shape, WaitStrategyKind waitStrategy)
    {
        _name = $"Ring {shape} {waitStrategy}";
        _pipeline = new EventPipeline<MarketEvent>(MacroSizes.Capacity, ProducerType.Single, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
        };
        HandlerGroup<MarketEvent> first = shape == FanOutShape.Multicast
            ? _pipeline.HandleEventsWith(new ChecksumHandler(), new ChecksumHandler(), new ChecksumHandler())
            : _pipeline.HandleEventsWith(new ChecksumHandler(), new ChecksumHandler());
        HandlerGroup<MarketEvent> last = shape == FanOutShape.Multicast ? first : first.Then(new ChecksumHandler());
        _lastStage = [.. last.Processors.Select(p => p.Sequence)];
        _ring = _pipeline.RingBuffer;
        _watchdog = new Watchdog(_pipeline.Halt);
        _pipeline.Start();
    }

    public void Run(int eventCount)
    {
        _watchdog.Arm();
        try
        {
            Publish(eventCount);
        }
        catch (PipelineHaltedException ex) when (_watchdog.Fired)
        {
            throw new TimeoutException($"{_name}: a claim waited more than {BoundedSpin.Timeout.TotalSeconds:0} s for the handlers.", ex);
        }

        _published += eventCount;
        var spin = new BoundedSpin();
        while (Sequence.Minimum(_lastStage, long.MaxValue) < _published - 1)
        {
            if (_pipeline.State == PipelineState.Halted)
            {
                throw new InvalidOperationException($"{_name}: the pipeline halted.", _pipeline.HaltingFault?.Exception);
            }

            spin.SpinOnce("the last stage to catch up");
        }

        _watchdog.Disarm();
    }

    public void StopAndVerify()
    {
        _watchdog.Dispose();
        bool drained = _pipeline.Shutdown(BoundedSpin.Timeout);
        ChecksumHandler[] handlers = [.. _pipeline.Processors.Select(p => ((EventProcessor<MarketEvent, ChecksumHandler>)p).Handler)];
        _pipeline.Dispose();
        if (!drained)
        {
            throw new InvalidOperationException($"{_name}: the pipeline did not drain on shutdown ({_pipeline.State}).");
        }

        foreach (ChecksumHandler handler in handlers)
        {
            handler.Verify(_name, _published, _source);
        }
    }

    private void Publish(int count)
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
}
