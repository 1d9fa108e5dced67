using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests.WaitStrategies;

public sealed class BlockingWaitStrategyTests : WaitStrategyContractTests
{
    protected override bool ExpectedIsBlocking => true;

    protected override IWaitStrategy CreateStrategy() => new BlockingWaitStrategy();
}
