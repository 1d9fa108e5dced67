using LowLatency.Market.Strategies;

namespace LowLatency.Market.Tests.Strategies;

public sealed class StrategyDefinitionTests
{
    [Fact]
    public void Parameters_Threshold_DeclaredWithDefaultsAndRanges()
    {
        StrategyDefinition definition = StrategyDefinition.For<ThresholdStrategy>();

        Assert.Equal(("threshold", ThresholdStrategy.Description), (definition.Name, definition.Description));
        Assert.Equal(
        [
            ("buy-below-bps", "whole number", "5", "1 to 10_000"),
            ("sell-above-bps", "whole number", "5", "1 to 10_000"),
            ("buy-below", "decimal", "", "0.00000001 to 1000000000"),
            ("sell-above", "decimal", "", "0.00000001 to 1000000000"),
            ("order-notional", "decimal", "10000", "0.00000001 to 1000000000"),
            ("order-quantity", "decimal", "0", "0 to 1000000000"),
            ("max-orders", "whole number", "5", "1 to 1_000_000"),
        ], definition.Parameters.Select(p => (p.Name, p.Kind, p.Default, p.Range)));
        Assert.All(definition.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Fact]
    public void Parameters_VwapMeanReversion_DeclaredWithDefaultsAndRanges()
    {
        StrategyDefinition definition = StrategyDefinition.For<VwapMeanReversionStrategy>();

        Assert.Equal(
        [
            ("entry-bps", "whole number", "5", "1 to 10_000"),
            ("exit-bps", "whole number", "0", "0 to 9_999"),
            ("stop-bps", "whole number", "15", "0 to 10_000"),
            ("order-notional", "decimal", "10000", "0.00000001 to 1000000000"),
            ("order-quantity", "decimal", "0", "0 to 1000000000"),
            ("allow-short", "true/false", "true", ""),
        ], definition.Parameters.Select(p => (p.Name, p.Kind, p.Default, p.Range)));
    }

    [Fact]
    public void Validate_UnknownKey_ThrowsWithTheNearestName()
    {
        var parameters = new StrategyParameters(new Dictionary<string, string?> { ["max_order"] = "3" }, "--strategy-param {0}");

        var ex = Assert.Throws<StrategyParameterException>(() => StrategyDefinition.For<ThresholdStrategy>("levels").Validate(parameters));

        Assert.Equal(
            "--strategy-param max_order: strategy 'levels' has no parameter 'max_order' (it takes buy-below-bps, sell-above-bps, " +
            "buy-below, sell-above, order-notional, order-quantity, max-orders); did you mean 'max-orders'?",
            ex.Message);
    }

    [Fact]
    public void Validate_GoodParameters_BuildsNothingElse()
    {
        var parameters = new StrategyParameters(new Dictionary<string, string?> { ["entry-bps"] = "8", ["allow-short"] = "off" });

        StrategyDefinition.For<VwapMeanReversionStrategy>().Validate(parameters);

        Assert.Equal(6, parameters.Declared.Count);
    }

    [Fact]
    public void Validate_BadValue_ThrowsNamingTheKey()
    {
        var parameters = new StrategyParameters(new Dictionary<string, string?> { ["stop-bps"] = "-1" });

        var ex = Assert.Throws<StrategyParameterException>(() => StrategyDefinition.For<VwapMeanReversionStrategy>().Validate(parameters));

        Assert.Equal("stop-bps: must be a whole number, 0 to 10_000 (got '-1').", ex.Message);
    }
}
