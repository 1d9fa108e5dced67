using LowLatency.Engine;

namespace LowLatency.Market.Generation;

/// <summary>
/// Pushes generated events through a throwaway pipeline built from the same options, so every stage's loop and
/// the handlers it calls are compiled before the real input arrives: the first real event is not the one that
/// pays for the JIT.
/// </summary>
public static class PipelineWarmup
{
    public static void Run(MarketPipelineOptions options, long events = 200_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(events);
        using var pipeline = new MarketPipeline(new SymbolTable(), options with { ProducerType = ProducerType.Single });
        var random = new MarketEventGenerator(pipeline.Symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk });
        var producer = new GeneratorProducer(pipeline.RingBuffer, random);
        pipeline.Start();
        producer.Produce(events, 0, CancellationToken.None);
        pipeline.Shutdown(TimeSpan.FromSeconds(30));
    }
}
