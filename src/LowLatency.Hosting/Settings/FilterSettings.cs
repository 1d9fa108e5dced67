using LowLatency.Market;
using LowLatency.Market.Handlers;

namespace LowLatency.Hosting.Settings;

/// <summary>Filter stage rules (<c>LowLatency:Filter</c>); decimals in configuration, <see cref="FixedPoint"/> in the engine.</summary>
public sealed class FilterSettings
{
    /// <summary>Symbols let through (interned at start); null or empty allows every symbol.</summary>
    public string[]? AllowedSymbols { get; set; }

    public decimal MinSize { get; set; }

    /// <summary>Largest accepted size; null = no limit.</summary>
    public decimal? MaxSize { get; set; }

    /// <summary>Reject prices more than this factor away from the symbol's last accepted price; 0 turns it off.</summary>
    public decimal PriceBand { get; set; } = 10;

    /// <summary>Reject events older than this (ns) relative to the newest accepted one; 0 turns it off.</summary>
    public long MaxStalenessNs { get; set; }

    internal FilterOptions ToOptions(SymbolTable symbols)
    {
        SymbolId[]? allowed = null;
        if (AllowedSymbols is { Length: > 0 } names)
        {
            allowed = new SymbolId[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                allowed[i] = symbols.GetOrAdd(names[i]);
            }
        }

        return new FilterOptions
        {
            AllowedSymbols = allowed,
            MinSize = FixedPoint.FromDecimal(MinSize),
            MaxSize = MaxSize is { } max ? FixedPoint.FromDecimal(max) : FixedPoint.MaxValue,
            PriceBand = FixedPoint.FromDecimal(PriceBand),
            MaxStalenessNs = MaxStalenessNs,
        };
    }
}
