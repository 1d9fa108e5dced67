using LowLatency.Market.Strategies;

namespace LowLatency.Market.Tests.Strategies;

public sealed class StrategyReasonsTests
{
    [Fact]
    public void Of_BuiltIn_EveryCodeNamed()
    {
        StrategyReasons reasons = StrategyReasons.Of<ThresholdStrategy>();

        Assert.Equal(["unknown", "below_buy_level", "above_sell_level", "unknown"], new byte[] { 0, 1, 2, 255 }.Select(code => reasons[code]));
    }

    [Fact]
    public void Of_StrategyWithoutNames_CodesAsNumbers()
    {
        StrategyReasons reasons = StrategyReasons.Of<UnnamedReasons>();

        Assert.Equal(["0", "7", "255"], new byte[] { 0, 7, 255 }.Select(code => reasons[code]));
    }

    [Fact]
    public void Of_NameNotCsvSafe_ThrowsNamingTheCode()
    {
        var ex = Assert.Throws<ArgumentException>(StrategyReasons.Of<CommaInAReason>);

        Assert.Equal("comma: the name of reason code 3 must be non-empty, without commas, quotes or line breaks (got 'a,b').", ex.Message);
    }

    private struct UnnamedReasons : IStrategy<UnnamedReasons>
    {
        public static string Name => "unnamed";

        public static UnnamedReasons Create(StrategyParameters parameters, StrategySetup setup) => default;

        public readonly void OnTrade(ref StrategyContext context)
        {
        }

        public readonly void OnQuote(ref StrategyContext context)
        {
        }
    }

    private struct CommaInAReason : IStrategy<CommaInAReason>
    {
        public static string Name => "comma";

        public static CommaInAReason Create(StrategyParameters parameters, StrategySetup setup) => default;

        public static string ReasonName(byte reason) => reason == 3 ? "a,b" : "ok";

        public readonly void OnTrade(ref StrategyContext context)
        {
        }

        public readonly void OnQuote(ref StrategyContext context)
        {
        }
    }
}
