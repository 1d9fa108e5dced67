namespace LowLatency.Market.Generation;

/// <summary>
/// Pushes generated events through a throwaway pipeline built the same way as the real one, so every stage's loop
/// and the handlers it calls (the strategy included) are compiled before the real input arrives: the first real
/// event is not the one that pays for the JIT, and the real pipeline's state stays untouched.
/// </summary>
public static class PipelineWarmup
{
    /// <summary>Builds a pipeline with <paramref name="build"/> over a fresh symbol table of
    /// <paramref name="symbolCapacity"/>, feeds it <paramref name="events"/> random-walk events of
    /// <paramref name="symbols"/> (default: the generator's) from one producer, and shuts it down; returns the events
    /// published. Give the real pipeline's capacity and the symbols its filter lets through, so the warm-up builds
    /// like the real one and its events reach the strategy.</summary>
    public static long Run(Func<SymbolTable, MarketPipeline> build, long events = 200_000, int symbolCapacity = SymbolTable.DefaultCapacity,
        string[]? symbols = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(events);
        var table = new SymbolTable(symbolCapacity);
        using MarketPipeline pipeline = build(table);
        pipeline.Pipeline.FaultReporter = static _ => { }; // counted by the warm-up's own processors, nothing to report
        var random = new MarketEventGenerator(table, new MarketEventGeneratorOptions
        {
            Model = GeneratorModel.RandomWalk,
            Symbols = symbols is { Length: > 0 } ? symbols : null,
        });
        var producer = new GeneratorProducer(pipeline.RingBuffer, random);
        pipeline.Start();
        producer.Produce(events, 0, cancellation);
        pipeline.Shutdown(TimeSpan.FromSeconds(30));
        return producer.Published;
    }
}
