using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests.WaitStrategies;

public sealed class HybridWaitStrategyTests : WaitStrategyContractTests
{
    protected override bool ExpectedIsBlocking => true;

    protected override IWaitStrategy CreateStrategy() => new HybridWaitStrategy();

    [Fact]
    public void Ctor_Default_YieldsForOneMillisecond()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), new HybridWaitStrategy().YieldSpell);
    }

    [Fact]
    public void Ctor_ZeroYieldSpell_Allowed()
    {
        Assert.Equal(TimeSpan.Zero, new HybridWaitStrategy(TimeSpan.Zero).YieldSpell);
    }

    [Fact]
    public void Ctor_NegativeYieldSpell_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HybridWaitStrategy(TimeSpan.FromMilliseconds(-1)));
    }
}
