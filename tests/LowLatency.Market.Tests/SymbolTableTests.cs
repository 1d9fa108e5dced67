namespace LowLatency.Market.Tests;

public sealed class SymbolTableTests
{
    [Fact]
    public void GetOrAdd_NewAndRepeatedNames_AssignsDenseIdsInOrder()
    {
        var table = new SymbolTable(capacity: 8);

        SymbolId aapl = table.GetOrAdd("AAPL");
        SymbolId msft = table.GetOrAdd("MSFT");
        SymbolId again = table.GetOrAdd("AAPL");
        SymbolId fromSpan = table.GetOrAdd("xxGOOGLyy".AsSpan(2, 5));

        Assert.Equal(new SymbolId(0), aapl);
        Assert.Equal(new SymbolId(1), msft);
        Assert.Equal(aapl, again);
        Assert.Equal(new SymbolId(2), fromSpan);
        Assert.Equal(3, table.Count);
        Assert.Equal(8, table.Capacity);
        Assert.Equal("GOOGL", table.GetName(fromSpan));
        Assert.Equal("MSFT", table.GetName(msft));
    }

    [Fact]
    public void GetOrAdd_NamesDifferingInCase_AreDistinct()
    {
        var table = new SymbolTable(4);

        Assert.NotEqual(table.GetOrAdd("btcusdt"), table.GetOrAdd("BTCUSDT"));
    }

    [Fact]
    public void TryGetId_KnownAndUnknownSpans_FindsOnlyInternedNames()
    {
        var table = new SymbolTable(4);
        table.GetOrAdd("AAPL");
        SymbolId msft = table.GetOrAdd("MSFT");

        Assert.True(table.TryGetId("trade,MSFT,1".AsSpan(6, 4), out SymbolId found));
        Assert.Equal(msft, found);
        Assert.True(table.TryGetId("MSFT"u8, out SymbolId foundUtf8));
        Assert.Equal(msft, foundUtf8);
        Assert.False(table.TryGetId("MSF".AsSpan(), out _));
        Assert.False(table.TryGetId("IBM"u8, out _));
        Assert.False(table.TryGetId(new byte[] { 0xFF, 0x41 }, out _));   // invalid UTF-8
        Assert.Equal(2, table.Count);                                      // lookups never add
    }

    [Fact]
    public void TryGetId_KnownSymbol_AllocatesNothing()
    {
        var table = new SymbolTable(4);
        SymbolId expected = table.GetOrAdd("GOOGL");
        int misses = 0;

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                bool hit = table.TryGetId("GOOGL".AsSpan(), out SymbolId a) && table.TryGetId("GOOGL"u8, out SymbolId b) &&
                    a == expected && b == expected && table.GetOrAdd("GOOGL".AsSpan()) == expected;
                misses += hit ? 0 : 1;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, misses);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void GetOrAdd_BeyondCapacity_ThrowsSymbolTableFullNamingCapacityAndSymbol()
    {
        var table = new SymbolTable(2);
        table.GetOrAdd("AAPL");
        table.GetOrAdd("MSFT");

        var ex = Assert.Throws<SymbolTableFullException>(() => table.GetOrAdd("IBM"));

        Assert.Equal("the symbol table is full: its capacity of 2 symbols is reached, so 'IBM' cannot be added", ex.Message);
        Assert.Equal((2, "IBM"), (ex.Capacity, ex.Symbol));
        Assert.IsAssignableFrom<InvalidOperationException>(ex); // callers catching the old type still catch it
        Assert.Equal(2, table.Count);
        Assert.False(table.TryGetId("IBM", out _));
        Assert.Equal(new SymbolId(1), table.GetOrAdd("MSFT")); // known names still resolve when full
    }

    [Fact]
    public void TryGetOrAdd_Full_FalseForNewNamesTrueForKnownOnes()
    {
        var table = new SymbolTable(2);
        Assert.True(table.TryGetOrAdd("AAPL", out SymbolId aapl));
        Assert.True(table.TryGetOrAdd("MSFT", out _));

        Assert.False(table.TryGetOrAdd("IBM", out SymbolId ibm));
        Assert.Equal(default, ibm);
        Assert.True(table.TryGetOrAdd("AAPL", out SymbolId again));
        Assert.Equal(aapl, again);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void DefaultCapacity_FitsAUsEquityUniverse()
    {
        Assert.Equal(16_384, SymbolTable.DefaultCapacity);
        Assert.Equal(16_384, new SymbolTable().Capacity);
    }

    [Fact]
    public void GetName_UnknownId_Throws()
    {
        var table = new SymbolTable(4);
        table.GetOrAdd("AAPL");

        Assert.True(table.Contains(new SymbolId(0)));
        Assert.False(table.Contains(new SymbolId(1)));
        Assert.False(table.Contains(new SymbolId(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.GetName(new SymbolId(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.GetName(new SymbolId(-1)));
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SymbolTable(0));
        var table = new SymbolTable(2);
        Assert.Throws<ArgumentException>(() => table.GetOrAdd(string.Empty));
        Assert.Throws<ArgumentException>(() => table.GetOrAdd(ReadOnlySpan<char>.Empty));
        Assert.Throws<ArgumentNullException>(() => table.GetOrAdd((string)null!));
    }
}
