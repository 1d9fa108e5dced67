using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Ours, with parallel handlers: one ring, one producer (the benchmark thread), and three <see cref="ChecksumHandler"/>
/// threads wired as a <see cref="FanOutShape.Multicast"/> (<c>HandleEventsWith(a, b, c)</c>) or a
/// <see cref="FanOutShape.Diamond"/> (<c>HandleEventsWith(a, b).Then(c)</c>). Every handler reads the same slot in
/// place; nothing is copied. One thread per handler (<see cref="StageTopology.Threaded"/>, set explicitly). Done when
/// every last-stage handler reached the last published event.
/// </summary>
internal sealed class RingFanOutRig : IMacroRig
{
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly EventSource _source = new();
    private readonly RingRigRunner _runner;
    private readonly Action<int> _publish;
    private readonly string _name;

    public RingFanOutRig(FanOutShape shape, WaitStrategyKind waitStrategy)
    {
        _name = $"Ring {shape} {waitStrategy}";
        _pipeline = new EventPipeline<MarketEvent>(MacroSizes.Capacity, ProducerType.Single, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
            Topology = StageTopology.Threaded,
        };
        HandlerGroup<MarketEvent> first = shape == FanOutShape.Multicast
            ? _pipeline.HandleEventsWith(new ChecksumHandler(), new ChecksumHandler(), new ChecksumHandler())
            : _pipeline.HandleEventsWith(new ChecksumHandler(), new ChecksumHandler());
        HandlerGroup<MarketEvent> last = shape == FanOutShape.Multicast ? first : first.Then(new ChecksumHandler());
        RingBuffer<MarketEvent> ring = _pipeline.RingBuffer;
        _publish = count => _source.PublishOneByOne(ring, count);
        _runner = new RingRigRunner(_name, _pipeline, [.. last.Processors.Select(p => p.Sequence)]);
    }

    public void Run(int eventCount) => _runner.Run(eventCount, _publish, "the last stage to catch up");

    public void StopAndVerify()
    {
        _runner.Stop();
        foreach (IEventProcessor processor in _pipeline.Processors)
        {
            ((EventProcessor<MarketEvent, ChecksumHandler>)processor).Handler.Verify(_name, _runner.Published, _source);
        }
    }
}
