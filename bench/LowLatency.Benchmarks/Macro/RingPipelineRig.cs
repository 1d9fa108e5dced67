using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Ours, three stages: one ring, <c>HandleEventsWith(filter).Then(aggregator).Then(strategy)</c>, on the threads the
/// <see cref="StageTopology"/> gives them (one per stage for <see cref="StageTopology.Threaded"/>), each stage updating its own fields of the same slot in place (and the aggregator the slot's line in an
/// aggregate ring of the same size, as <see cref="MarketPipeline"/> does). Done when the strategy's sequence reaches
/// the last published event.
/// </summary>
internal sealed class RingPipelineRig : IMacroRig
{
    private readonly MarketStages _stages = new(MacroSizes.Capacity);
    private readonly RingRigRunner _runner;
    private readonly Action<int> _publish;
    private readonly string _name;

    public RingPipelineRig(WaitStrategyKind waitStrategy, StageTopology topology)
    {
        _name = $"Ring pipeline {waitStrategy} {topology}";
        var pipeline = new EventPipeline<MarketEvent>(MacroSizes.Capacity, ProducerType.Single, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
            Topology = topology,
        };
        pipeline.HandleEventsWith(_stages.FilterHandler)
            .Then(_stages.AggregatorHandler)
            .Then(_stages.StrategyHandler);
        RingBuffer<MarketEvent> ring = pipeline.RingBuffer;
        _publish = count => Publish(ring, count);
        _runner = new RingRigRunner(_name, pipeline, [pipeline.GetProcessor<StrategyHandler<VwapMeanReversionStrategy>>().Sequence]);
    }

    public void Run(int eventCount) => _runner.Run(eventCount, _publish, "the strategy stage to catch up");

    public void StopAndVerify()
    {
        _runner.Stop();
        Console.WriteLine(_stages.Verify(_name, _runner.Published));
    }

    private void Publish(RingBuffer<MarketEvent> ring, int count)
    {
        MarketStages stages = _stages;
        for (int i = 0; i < count; i++)
        {
            long sequence = ring.Next();
            stages.Fill(ref ring[sequence], sequence);
            ring.Publish(sequence);
        }
    }
}
