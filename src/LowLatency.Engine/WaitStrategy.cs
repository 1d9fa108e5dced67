using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine;

/// <summary>Creates wait strategies by kind. Each pipeline needs its own instance: blocking ones hold a monitor.</summary>
public static class WaitStrategy
{
    public static IWaitStrategy Create(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.Hybrid => new HybridWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Sleeping => new SleepingWaitStrategy(),
        WaitStrategyKind.Blocking => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };
}
