namespace LowLatency.Market.Generation;

/// <summary>How <see cref="MarketEventGenerator"/> draws events.</summary>
public enum GeneratorModel
{
    /// <summary>The classic demo: trades only, uniform prices 100.00–200.00 (cents), whole sizes 1–1000.</summary>
    Classic = 0,

    /// <summary>Per-symbol random walk on a tick grid: about 80% quotes (bid &lt; ask) and 20% trades at the bid or ask,
    /// sizes in round lots.</summary>
    RandomWalk = 1,
}
