namespace LowLatency.Market.Handlers;

/// <summary>Settings of the strategy stage; validated once by <see cref="StrategyState"/>. Defaults are the classic
/// demo (threshold 150 both ways).</summary>
public readonly record struct StrategyOptions
{
    public StrategyOptions()
    {
    }

    public StrategyKind Kind { get; init; } = StrategyKind.Threshold;

    /// <summary>Threshold: buy when price &lt; BuyBelow (strict).</summary>
    public FixedPoint BuyBelow { get; init; } = FixedPoint.FromRaw(150 * FixedPoint.Scale);

    /// <summary>Threshold: sell when price &gt; SellAbove (strict). Must be at least <see cref="BuyBelow"/>.</summary>
    public FixedPoint SellAbove { get; init; } = FixedPoint.FromRaw(150 * FixedPoint.Scale);

    /// <summary>Mean reversion: buy when (vwap − price) / vwap ≥ this many basis points. Positive.</summary>
    public int BuyBelowVwapBps { get; init; } = 20;

    /// <summary>Mean reversion: sell when (price − vwap) / vwap ≥ this many basis points. Positive.</summary>
    public int SellAboveVwapBps { get; init; } = 20;

    /// <summary>Quantity of every signal. Positive.</summary>
    public FixedPoint OrderQuantity { get; init; } = FixedPoint.FromRaw(100 * FixedPoint.Scale);

    /// <summary>Per-symbol position limit: a signal whose fill would leave |position| above it is skipped.</summary>
    public FixedPoint MaxPosition { get; init; } = FixedPoint.FromRaw(1_000 * FixedPoint.Scale);

    /// <summary>Signals kept in <see cref="StrategyState.Signals"/>; later ones are only counted.</summary>
    public int SignalLogCapacity { get; init; } = 10_000;
}
