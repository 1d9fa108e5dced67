namespace LowLatency.Market.Strategies;

/// <summary>Settings of <see cref="VwapMeanReversionStrategy"/>; the defaults work on any instrument (distances in
/// basis points of the fair price, sizes in money).</summary>
public readonly record struct VwapMeanReversionOptions
{
    public VwapMeanReversionOptions()
    {
    }

    /// <summary>Enter when the price is at least this many basis points away from the fair price. Default 5.</summary>
    public int EntryBps { get; init; } = 5;

    /// <summary>Exit when the price is back within this many basis points of the fair price. Default 0: at the fair price.</summary>
    public int ExitBps { get; init; }

    /// <summary>Exit when the price has moved this many basis points against the average cost; 0 turns it off. Default 15.</summary>
    public int StopBps { get; init; } = 15;

    /// <summary>Money per entry, turned into units at the current price (<see cref="OrderSizing.ForNotional"/>). Default 10,000.</summary>
    public FixedPoint OrderNotional { get; init; } = FixedPoint.FromInt(10_000);

    /// <summary>Units per entry instead of <see cref="OrderNotional"/> when positive.</summary>
    public FixedPoint OrderQuantity { get; init; }

    /// <summary>Also sell short above the fair price. Default true.</summary>
    public bool AllowShort { get; init; } = true;
}
