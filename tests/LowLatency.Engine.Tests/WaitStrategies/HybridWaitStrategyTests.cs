using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests.WaitStrategies;

public sealed class HybridWaitStrategyTests : WaitStrategyContractTests
{
    protected override bool ExpectedIsBlocking => true;

    // Parks at once and never times out: a waiter that misses its wake-up stays parked and the test fails.
    protected override IWaitStrategy CreateStrategy() => new HybridWaitStrategy(TimeSpan.Zero, Timeout.InfiniteTimeSpan);

    [Fact]
    public void Ctor_Default_YieldsForOneMillisecond()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), new HybridWaitStrategy().YieldSpell);
    }

    [Fact]
    public void Ctor_Default_ParkTimeoutIsASafetyNetOf100Milliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), new HybridWaitStrategy().ParkTimeout);
    }

    [Fact]
    public void Ctor_InfiniteParkTimeout_Allowed()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, new HybridWaitStrategy(TimeSpan.Zero, Timeout.InfiniteTimeSpan).ParkTimeout);
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
