using System.Globalization;

namespace LowLatency.Market;

/// <summary>
/// A new symbol did not fit: the <see cref="SymbolTable"/> already holds <see cref="Capacity"/> symbols. Per-symbol state
/// is sized once by that capacity, so the only remedy is a larger one at the next start; front ends catch this type to
/// name their own setting for it.
/// </summary>
public sealed class SymbolTableFullException : InvalidOperationException
{
    public SymbolTableFullException(int capacity, string symbol)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"the symbol table is full: its capacity of {capacity:N0} symbols is reached, so '{symbol}' cannot be added"))
    {
        Capacity = capacity;
        Symbol = symbol;
    }

    /// <summary>The capacity that was reached.</summary>
    public int Capacity { get; }

    /// <summary>The first symbol that did not fit.</summary>
    public string Symbol { get; }
}
