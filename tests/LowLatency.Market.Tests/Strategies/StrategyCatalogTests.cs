using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Market.Tests.Strategies;

public sealed class StrategyCatalogTests
{
    [Fact]
    public void WithBuiltIns_ThresholdAndMeanReversion_ThresholdByDefault()
    {
        StrategyCatalog catalog = StrategyCatalog.WithBuiltIns();

        Assert.Equal(["threshold", "vwap-mean-reversion"], catalog.All.Select(d => d.Name));
        Assert.Equal("threshold", catalog.Default.Name);
        Assert.Equal("vwap-mean-reversion", catalog.Get("VWAP-Mean-Reversion").Name);
        Assert.True(catalog.TryGet("Threshold", out StrategyDefinition threshold));
        Assert.Same(catalog.Default, threshold);
        Assert.False(catalog.TryGet("momentum", out _));
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingTheRegistered()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategyCatalog.WithBuiltIns().Get("momentum"));

        Assert.Equal("unknown strategy 'momentum'; registered: threshold, vwap-mean-reversion.", ex.Message);
    }

    [Fact]
    public void Add_OwnStrategyAsDefault_UsedWhenNoneIsNamed()
    {
        StrategyCatalog catalog = StrategyCatalog.WithBuiltIns().Add<ScriptedStrategy>("mine", isDefault: true);

        Assert.Equal("mine", catalog.Default.Name);
        Assert.Equal(ScriptedStrategy.Description, catalog.Default.Description);
        Assert.Equal(3, catalog.All.Count);
    }

    [Fact]
    public void Add_SameNameIgnoringCase_Throws()
    {
        StrategyCatalog catalog = StrategyCatalog.WithBuiltIns();

        var ex = Assert.Throws<ArgumentException>(() => catalog.Add<ScriptedStrategy>("THRESHOLD"));

        Assert.StartsWith("A strategy named 'THRESHOLD' is registered already.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, catalog.All.Count);
    }

    [Fact]
    public void Default_EmptyCatalog_Throws()
    {
        var catalog = new StrategyCatalog();

        Assert.Throws<InvalidOperationException>(() => catalog.Default);
        Assert.Equal("scripted", catalog.Add<ScriptedStrategy>().Default.Name); // the first added, unless set
    }
}
