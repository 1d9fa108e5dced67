using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

public sealed class WaitStrategyTests
{
    [Theory]
    [InlineData(WaitStrategyKind.Hybrid, typeof(HybridWaitStrategy))]
    [InlineData(WaitStrategyKind.Yielding, typeof(YieldingWaitStrategy))]
    [InlineData(WaitStrategyKind.BusySpin, typeof(BusySpinWaitStrategy))]
    [InlineData(WaitStrategyKind.Sleeping, typeof(SleepingWaitStrategy))]
    [InlineData(WaitStrategyKind.Blocking, typeof(BlockingWaitStrategy))]
    public void Create_Kind_ReturnsMatchingStrategy(WaitStrategyKind kind, Type expected)
    {
        Assert.IsType(expected, WaitStrategy.Create(kind));
    }

    [Fact]
    public void Create_EveryKind_Covered()
    {
        foreach (WaitStrategyKind kind in Enum.GetValues<WaitStrategyKind>())
        {
            Assert.NotNull(WaitStrategy.Create(kind));
        }
    }

    [Fact]
    public void Create_SameKindTwice_ReturnsNewInstances()
    {
        Assert.NotSame(WaitStrategy.Create(WaitStrategyKind.Blocking), WaitStrategy.Create(WaitStrategyKind.Blocking));
    }

    [Fact]
    public void Create_UnknownKind_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WaitStrategy.Create((WaitStrategyKind)99));

        Assert.Equal("kind", ex.ParamName);
    }
}
