namespace LowLatency.Market.Tests.Support;

/// <summary>The symbol table most unit tests share: room for 8 ids, AAPL as id 0 and MSFT as id 1.</summary>
internal static class TestSymbols
{
    public static readonly SymbolId Aapl = new(0);

    public static readonly SymbolId Msft = new(1);

    /// <summary>A new table (capacity 8) holding AAPL (<see cref="Aapl"/>) and MSFT (<see cref="Msft"/>).</summary>
    public static SymbolTable AaplAndMsft()
    {
        var table = new SymbolTable(capacity: 8);
        Assert.Equal(Aapl, table.GetOrAdd("AAPL"));
        Assert.Equal(Msft, table.GetOrAdd("MSFT"));
        return table;
    }
}
