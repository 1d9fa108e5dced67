using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests.WaitStrategies;

public sealed class BusySpinWaitStrategyTests : WaitStrategyContractTests
{
    protected override bool ExpectedIsBlocking => false;

    protected override IWaitStrategy CreateStrategy() => new BusySpinWaitStrategy();
}
