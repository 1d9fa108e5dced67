using LowLatency.Engine;
using LowLatency.Hosting.Settings;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Hosting.Inputs;

/// <summary>The synthetic generator, writing straight into claimed slots, optionally paced.</summary>
internal sealed class GeneratorInput(RingBuffer<MarketEvent> ring, MarketEventGenerator generator, GeneratorSettings settings)
    : IMarketInput
{
    private readonly GeneratorProducer _producer = new(ring, generator);

    public string Name => "Generator";

    public long Published => _producer.Published;

    public void Run(CancellationToken cancellation) =>
        _producer.Produce(settings.Events == 0 ? long.MaxValue : settings.Events, settings.EventsPerSecond, cancellation);

    public void Dispose()
    {
    }
}
