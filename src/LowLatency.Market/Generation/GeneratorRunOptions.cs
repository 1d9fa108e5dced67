namespace LowLatency.Market.Generation;

/// <summary>How a <see cref="GeneratorRun"/> feeds a pipeline.</summary>
public readonly record struct GeneratorRunOptions
{
    public GeneratorRunOptions()
    {
    }

    /// <summary>Events in total, over all producers.</summary>
    public long Events { get; init; } = 20_000_000;

    /// <summary>Publishing threads; each has its own generator, seeded with Seed + its index.</summary>
    public int Producers { get; init; } = 1;

    /// <summary>Events per second over all producers; 0 = as fast as possible.</summary>
    public long EventsPerSecond { get; init; }

    /// <summary>Events published (and drained) before measurement starts, so JIT tiering and first-touch are excluded.</summary>
    public long WarmupEvents { get; init; } = 1_000_000;

    /// <summary>Upper bound for draining the ring and for stopping.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public MarketEventGeneratorOptions Generator { get; init; } = new();
}
