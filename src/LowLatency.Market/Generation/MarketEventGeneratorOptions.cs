namespace LowLatency.Market.Generation;

/// <summary>Settings for <see cref="MarketEventGenerator"/>; validated once by its constructor.</summary>
public readonly record struct MarketEventGeneratorOptions
{
    /// <summary>2024-01-02T14:30:00Z (a US market open) in nanoseconds since the Unix epoch.</summary>
    public const long DefaultStartTimestampNs = 1_704_205_800_000_000_000;

    public MarketEventGeneratorOptions()
    {
    }

    public GeneratorModel Model { get; init; } = GeneratorModel.Classic;

    /// <summary>Same seed, same options: the same event sequence, bit for bit.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Symbol names interned into the table at construction; null means AAPL, GOOGL, MSFT.</summary>
    public string[]? Symbols { get; init; }

    /// <summary>Exchange timestamp of the first event.</summary>
    public long StartTimestampNs { get; init; } = DefaultStartTimestampNs;

    /// <summary>Exchange-time step between consecutive events (so timestamps increase strictly); must be positive.</summary>
    public long TimestampStepNs { get; init; } = 1_000_000;

    /// <summary>RandomWalk: the price grid, for every symbol.</summary>
    public FixedPoint TickSize { get; init; } = FixedPoint.FromRaw(FixedPoint.Scale / 100);

    /// <summary>RandomWalk: first bid per symbol (same order as <see cref="Symbols"/>, on the tick grid); null derives
    /// them from the seed, uniform in 20.00–500.00.</summary>
    public FixedPoint[]? StartPrices { get; init; }

    /// <summary>RandomWalk: the bid moves by a uniform whole number of ticks in [-MaxStepTicks, +MaxStepTicks] per event of its symbol.</summary>
    public int MaxStepTicks { get; init; } = 2;

    /// <summary>RandomWalk: each quote's spread is uniform in [1, MaxSpreadTicks] ticks.</summary>
    public int MaxSpreadTicks { get; init; } = 3;

    /// <summary>RandomWalk: percentage of events that are quotes (the rest are trades).</summary>
    public int QuotePercent { get; init; } = 80;

    /// <summary>RandomWalk: a round lot; sizes are 1..<see cref="MaxLots"/> lots.</summary>
    public FixedPoint LotSize { get; init; } = FixedPoint.FromRaw(100 * FixedPoint.Scale);

    public int MaxLots { get; init; } = 10;
}
