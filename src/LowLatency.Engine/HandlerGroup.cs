namespace LowLatency.Engine;

/// <summary>
/// One stage of the pipeline: handlers that run in parallel on the same events. <c>Then</c> adds a stage that sees an
/// event only after every handler of this one finished it.
/// </summary>
public sealed class HandlerGroup<T>
    where T : unmanaged
{
    private readonly EventPipeline<T> _pipeline;

    internal HandlerGroup(EventPipeline<T> pipeline, IEventProcessor[] processors)
    {
        _pipeline = pipeline;
        Processors = processors;
    }

    public IReadOnlyList<IEventProcessor> Processors { get; }

    internal Sequence[] Sequences
    {
        get
        {
            var sequences = new Sequence[Processors.Count];
            for (int i = 0; i < sequences.Length; i++)
            {
                sequences[i] = Processors[i].Sequence;
            }

            return sequences;
        }
    }

    public HandlerGroup<T> Then<TH>(TH handler, HandlerOptions options = default)
        where TH : struct, IEventHandler<T> =>
        new(_pipeline, [_pipeline.AddProcessor(handler, options, Sequences)]);

    public HandlerGroup<T> Then<TA, TB>(TA first, TB second)
        where TA : struct, IEventHandler<T>
        where TB : struct, IEventHandler<T>
    {
        Sequence[] after = Sequences;
        return new(_pipeline, [_pipeline.AddProcessor(first, default, after), _pipeline.AddProcessor(second, default, after)]);
    }

    public HandlerGroup<T> Then<TA, TB, TC>(TA first, TB second, TC third)
        where TA : struct, IEventHandler<T>
        where TB : struct, IEventHandler<T>
        where TC : struct, IEventHandler<T>
    {
        Sequence[] after = Sequences;
        return new(_pipeline,
        [
            _pipeline.AddProcessor(first, default, after),
            _pipeline.AddProcessor(second, default, after),
            _pipeline.AddProcessor(third, default, after),
        ]);
    }
}
