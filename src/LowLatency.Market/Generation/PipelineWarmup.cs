namespace LowLatency.Market.Generation;

/// <summary>
/// Pushes generated events through a throwaway pipeline built the same way as the real one, so every stage's loop
/// and the handlers it calls (the strategy included) are compiled before the real input arrives: the first real
/// event is not the one that pays for the JIT, and the real pipeline's state stays untouched.
/// </summary>
public static class PipelineWarmup
{
    /// <summary>Builds a pipeline with <paramref name="build"/> over a fresh symbol table, feeds it
    /// <paramref name="events"/> random-walk events from one producer, and shuts it down; returns the events published.</summary>
    public static long Run(Func<SymbolTable, MarketPipeline> build, long events = 200_000, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(events);
        var symbols = new SymbolTable();
        using MarketPipeline pipeline = build(symbols);
        pipeline.Pipeline.FaultReporter = static _ => { }; // counted by the warm-up's own processors, nothing to report
        var random = new MarketEventGenerator(symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk });
        var producer = new GeneratorProducer(pipeline.RingBuffer, random);
        pipeline.Start();
        producer.Produce(events, 0, cancellation);
        pipeline.Shutdown(TimeSpan.FromSeconds(30));
        return producer.Published;
    }
}
