using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Ours, three chained stages: one ring, <c>HandleEventsWith(stage 1).Then(stage 2).Then(stage 3)</c> of
/// <see cref="ChainStageHandler"/>s, each updating its own field of the slot in place, on the threads the
/// <see cref="StageTopology"/> gives them. The benchmark thread publishes one event at a time. Done when stage 3's
/// sequence reaches the last published event.
/// </summary>
internal sealed class RingChainRig : IMacroRig
{
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly EventSource _source = new();
    private readonly RingRigRunner _runner;
    private readonly Action<int> _publish;
    private readonly string _name;
    private readonly string _threads;

    public RingChainRig(WaitStrategyKind waitStrategy, StageTopology topology)
    {
        _name = $"Ring chain {waitStrategy} {topology}";
        _pipeline = new EventPipeline<MarketEvent>(MacroSizes.Capacity, ProducerType.Single, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
            Topology = topology,
        };
        HandlerGroup<MarketEvent> last = _pipeline.HandleEventsWith(new ChainStageHandler(1))
            .Then(new ChainStageHandler(2))
            .Then(new ChainStageHandler(3));
        RingBuffer<MarketEvent> ring = _pipeline.RingBuffer;
        _publish = count => _source.PublishOneByOne(ring, count);
        _runner = new RingRigRunner(_name, _pipeline, [.. last.Processors.Select(p => p.Sequence)]);
        _threads = FormatThreads(_pipeline); // as started: the topology the rows actually ran
    }

    public void Run(int eventCount) => _runner.Run(eventCount, _publish, "stage 3 to catch up");

    public void StopAndVerify()
    {
        _runner.Stop();
        foreach (IEventProcessor processor in _pipeline.Processors)
        {
            ((EventProcessor<MarketEvent, ChainStageHandler>)processor).Handler.Verify(_name, _runner.Published, _source);
        }

        Console.WriteLine($"{_name}: {_runner.Published} events, {_threads}.");
    }

    /// <summary>How the stages were put on threads, e.g. "stages on 1 thread(s): [3]" (fused) or "... 3 thread(s): [1, 1, 1]".</summary>
    private static string FormatThreads(EventPipeline<MarketEvent> pipeline) =>
        $"stages on {pipeline.StageThreads.Count} thread(s): [{string.Join(", ", pipeline.StageThreads.Select(t => t.Count))}]";
}
