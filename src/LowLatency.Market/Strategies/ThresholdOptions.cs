namespace LowLatency.Market.Strategies;

/// <summary>Settings of <see cref="ThresholdStrategy"/>; the defaults work on any instrument (levels relative to the
/// fair price, sizes in money).</summary>
public readonly record struct ThresholdOptions
{
    public ThresholdOptions()
    {
    }

    /// <summary>Buy when the price is at least this many basis points under the fair price. Default 5.</summary>
    public int BuyBelowBps { get; init; } = 5;

    /// <summary>Sell when the price is at least this many basis points over the fair price. Default 5.</summary>
    public int SellAboveBps { get; init; } = 5;

    /// <summary>An absolute buy level instead of <see cref="BuyBelowBps"/>: buy when the price is below it.</summary>
    public FixedPoint? BuyBelow { get; init; }

    /// <summary>An absolute sell level instead of <see cref="SellAboveBps"/>: sell when the price is above it.</summary>
    public FixedPoint? SellAbove { get; init; }

    /// <summary>Money per order, turned into units at the current price (<see cref="OrderSizing.ForNotional"/>). Default 10,000.</summary>
    public FixedPoint OrderNotional { get; init; } = FixedPoint.FromInt(10_000);

    /// <summary>Units per order instead of <see cref="OrderNotional"/> when positive.</summary>
    public FixedPoint OrderQuantity { get; init; }

    /// <summary>The strategy stays within this many orders' worth of position either way. Default 5.</summary>
    public int MaxOrders { get; init; } = 5;
}
