namespace LowLatency.Market.Strategies;

/// <summary>What a strategy may size its state by when it is created.</summary>
/// <param name="Symbols">The pipeline's symbol table: ids index per-symbol arrays; names may be looked up once here.</param>
public readonly record struct StrategySetup(SymbolTable Symbols)
{
    /// <summary>Every symbol id is below this: size per-symbol arrays with it.</summary>
    public int SymbolCapacity => Symbols.Capacity;
}
