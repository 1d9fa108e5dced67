namespace LowLatency.Engine;

/// <summary>
/// One stage of the pipeline: handlers that run in parallel on the same events. <c>Then</c> adds a stage that sees an
/// event only after every handler of this one finished it; <c>And</c> adds a handler beside this stage's handlers
/// (same predecessors, runs in parallel with them).
/// </summary>
public sealed class HandlerGroup<T>
    where T : unmanaged
{
    private readonly EventPipeline<T> _pipeline;
    private readonly Sequence[] _after;

    internal HandlerGroup(EventPipeline<T> pipeline, IEventProcessor[] processors, Sequence[] after)
    {
        _pipeline = pipeline;
        _after = after;
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
        where TH : struct, IEventHandler<T>
    {
        Sequence[] after = Sequences;
        return new(_pipeline, [_pipeline.AddProcessor(handler, options, after)], after);
    }

    public HandlerGroup<T> Then<TA, TB>(TA first, TB second)
        where TA : struct, IEventHandler<T>
        where TB : struct, IEventHandler<T>
    {
        Sequence[] after = Sequences;
        return new(_pipeline, [_pipeline.AddProcessor(first, default, after), _pipeline.AddProcessor(second, default, after)], after);
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
        ], after);
    }

    /// <summary>
    /// Adds <paramref name="handler"/> beside this stage: it waits for the same predecessors as this stage's handlers
    /// and runs in parallel with them; a later <c>Then</c> on the returned group waits for all of them.
    /// </summary>
    public HandlerGroup<T> And<TH>(TH handler, HandlerOptions options = default)
        where TH : struct, IEventHandler<T> =>
        new(_pipeline, [.. Processors, _pipeline.AddProcessor(handler, options, _after)], _after);
}
