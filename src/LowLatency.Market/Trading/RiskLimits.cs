namespace LowLatency.Market.Trading;

/// <summary>
/// Pre-trade limits the engine applies to every intent after the strategy decides, per symbol, the same in every
/// front end. A breaching intent is suppressed (never clipped) and counted. Zero turns a limit off.
/// </summary>
public readonly record struct RiskLimits
{
    public RiskLimits()
    {
    }

    /// <summary>Largest |position| in units, counting open orders on the intent's side. Default off: units do not
    /// compare across instruments; <see cref="MaxNotional"/> does.</summary>
    public FixedPoint MaxPosition { get; init; }

    /// <summary>Largest quantity of one order, in units. Default off.</summary>
    public FixedPoint MaxOrderQuantity { get; init; }

    /// <summary>Largest |position| (open orders on the intent's side included) × the order's price, in the quote
    /// currency. Default 1,000,000.</summary>
    public FixedPoint MaxNotional { get; init; } = FixedPoint.FromInt(1_000_000);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first negative limit.</summary>
    public void Validate()
    {
        if (MaxPosition.Raw < 0)
        {
            throw new ArgumentException($"MaxPosition must be 0 (off) or positive (got {MaxPosition}).", nameof(MaxPosition));
        }

        if (MaxOrderQuantity.Raw < 0)
        {
            throw new ArgumentException($"MaxOrderQuantity must be 0 (off) or positive (got {MaxOrderQuantity}).", nameof(MaxOrderQuantity));
        }

        if (MaxNotional.Raw < 0)
        {
            throw new ArgumentException($"MaxNotional must be 0 (off) or positive (got {MaxNotional}).", nameof(MaxNotional));
        }
    }
}
