namespace LowLatency.Market.Generation;

/// <summary>
/// The one warm-up, for every front end (the console's run and replay, the host's <c>WarmupEvents</c>): pushes
/// generated events through a throwaway pipeline built the same way as the real one, so every stage's loop and the
/// handlers it calls (the strategy included) are compiled before the real input arrives. The first real event is not
/// the one that pays for the JIT, and the real pipeline's state stays untouched.
/// </summary>
public static class PipelineWarmup
{
    /// <summary>Builds a pipeline with <paramref name="build"/> over a fresh symbol table of
    /// <paramref name="symbolCapacity"/>, feeds it <paramref name="events"/> random-walk events from one producer, and
    /// shuts it down; returns the events published. The events carry the symbols the built pipeline's filter lets
    /// through (<see cref="Handlers.FilterOptions.AllowedSymbols"/>), so they reach the strategy; when it lets every
    /// symbol through, <paramref name="symbols"/> (default: the generator's). Give the real pipeline's capacity, so the
    /// warm-up builds like the real one.</summary>
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
            Symbols = AllowedByFilter(pipeline) ?? (symbols is { Length: > 0 } ? symbols : null),
        });
        var producer = new GeneratorProducer(pipeline.RingBuffer, random);
        pipeline.Start();
        producer.Produce(events, 0, cancellation);
        pipeline.Shutdown(TimeSpan.FromSeconds(30));
        return producer.Published;
    }

    private static string[]? AllowedByFilter(MarketPipeline pipeline) =>
        pipeline.Options.Filter.AllowedSymbols is { Length: > 0 } allowed ? [.. allowed.Select(pipeline.Symbols.GetName)] : null;
}
