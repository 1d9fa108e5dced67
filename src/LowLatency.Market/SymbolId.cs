using System.Globalization;

namespace LowLatency.Market;

/// <summary>
/// Dense id of an interned symbol (0..N-1, assigned by <see cref="SymbolTable"/>), so stages index preallocated
/// arrays by it instead of hashing strings on the hot path.
/// </summary>
public readonly record struct SymbolId(int Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
