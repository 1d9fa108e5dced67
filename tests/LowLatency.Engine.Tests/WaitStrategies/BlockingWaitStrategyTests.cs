using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests.WaitStrategies;

public sealed class BlockingWaitStrategyTests : WaitStrategyContractTests
{
    protected override bool ExpectedIsBlocking => true;

    // No park timeout: a waiter that misses its wake-up stays parked and the test fails instead of passing late.
    protected override IWaitStrategy CreateStrategy() => new BlockingWaitStrategy(Timeout.InfiniteTimeSpan);

    [Fact]
    public void Ctor_Default_ParkTimeoutIsASafetyNetOf100Milliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), new BlockingWaitStrategy().ParkTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Ctor_NonPositiveParkTimeout_Throws(int milliseconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockingWaitStrategy(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
