namespace LowLatency.Market.Handlers;

/// <summary>Rules of the filter stage; validated once by <see cref="FilterState"/>. The defaults turn off only what
/// needs market knowledge (size bounds, staleness).</summary>
public readonly record struct FilterOptions
{
    public FilterOptions()
    {
    }

    /// <summary>Symbols let through; null or empty allows every symbol in the table.</summary>
    public SymbolId[]? AllowedSymbols { get; init; }

    /// <summary>Smallest accepted trade, bid or ask size (inclusive); zero = no minimum beyond "positive".</summary>
    public FixedPoint MinSize { get; init; } = FixedPoint.Zero;

    /// <summary>Largest accepted trade, bid or ask size (inclusive).</summary>
    public FixedPoint MaxSize { get; init; } = FixedPoint.MaxValue;

    /// <summary>
    /// Reject a price above last × band or below last / band, where last is the symbol's last accepted price (a trade
    /// price or a quote mid). Must be at least 1; zero turns the check off. Default 10.
    /// </summary>
    public FixedPoint PriceBand { get; init; } = FixedPoint.FromRaw(10 * FixedPoint.Scale);

    /// <summary>Reject an event more than this many ns older than the newest accepted timestamp; zero turns it off.</summary>
    public long MaxStalenessNs { get; init; }
}
