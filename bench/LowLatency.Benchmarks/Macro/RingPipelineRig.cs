using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Handlers;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Ours, three stages: one ring, <c>HandleEventsWith(filter).Then(aggregator).Then(strategy)</c>, one thread per
/// stage, each stage updating its own fields of the same slot in place. Done when the strategy's sequence reaches
/// the last published event.
/// </summary>
internal sealed class RingPipelineRig : IMacroRig
{
    private readonly MarketStages _stages = new();
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly Sequence _handled;
    private readonly Watchdog _watchdog;
    private readonly string _name;
    private long _published;

    public RingPipelineRig(WaitStrategyKind waitStrategy)
    {
        _name = $"Ring pipeline {waitStrategy}";
        _pipeline = new EventPipeline<MarketEvent>(MacroSizes.Capacity, ProducerType.Single, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
        };
        _pipeline.HandleEventsWith(new FilterHandler(_stages.Filter))
            .Then(new AggregatorHandler(_stages.Aggregator))
            .Then(new StrategyHandler(_stages.Strategy));
        _handled = _pipeline.GetProcessor<StrategyHandler>().Sequence;
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
        while (_handled.Value < _published - 1)
        {
            if (_pipeline.State == PipelineState.Halted)
            {
                throw new InvalidOperationException($"{_name}: the pipeline halted.", _pipeline.HaltingFault?.Exception);
            }

            spin.SpinOnce("the strategy stage to catch up");
        }

        _watchdog.Disarm();
    }

    public void StopAndVerify()
    {
        _watchdog.Dispose();
        bool drained = _pipeline.Shutdown(BoundedSpin.Timeout);
        _pipeline.Dispose();
        if (!drained)
        {
            throw new InvalidOperationException($"{_name}: the pipeline did not drain on shutdown ({_pipeline.State}).");
        }

        Console.WriteLine(_stages.Verify(_name, _published));
    }

    private void Publish(int count)
    {
        RingBuffer<MarketEvent> ring = _ring;
        MarketStages stages = _stages;
        for (int i = 0; i < count; i++)
        {
            long sequence = ring.Next();
            stages.Fill(ref ring[sequence], sequence);
            ring.Publish(sequence);
        }
    }
}
