using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

// One sealed class per wait strategy x producer type (threaded), plus fused variants, each running the whole PipelineContractTests contract (the
// System.Threading.Channels test layout). All share one collection: they run one after another, never side by side.

[Collection(BusyThreadsCollection.Name)]
public sealed class HybridSingleProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Hybrid;

    protected override ProducerType ProducerType => ProducerType.Single;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class HybridMultiProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Hybrid;

    protected override ProducerType ProducerType => ProducerType.Multi;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class YieldingSingleProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Yielding;

    protected override ProducerType ProducerType => ProducerType.Single;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class YieldingMultiProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Yielding;

    protected override ProducerType ProducerType => ProducerType.Multi;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class BusySpinSingleProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.BusySpin;

    protected override ProducerType ProducerType => ProducerType.Single;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class BusySpinMultiProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.BusySpin;

    protected override ProducerType ProducerType => ProducerType.Multi;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class SleepingSingleProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Sleeping;

    protected override ProducerType ProducerType => ProducerType.Single;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class SleepingMultiProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Sleeping;

    protected override ProducerType ProducerType => ProducerType.Multi;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class BlockingSingleProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Blocking;

    protected override ProducerType ProducerType => ProducerType.Single;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class BlockingMultiProducerPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Blocking;

    protected override ProducerType ProducerType => ProducerType.Multi;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class HybridSingleProducerFusedPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Hybrid;

    protected override ProducerType ProducerType => ProducerType.Single;

    protected override StageTopology Topology => StageTopology.Fused;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class HybridMultiProducerFusedPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Hybrid;

    protected override ProducerType ProducerType => ProducerType.Multi;

    protected override StageTopology Topology => StageTopology.Fused;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class BlockingSingleProducerFusedPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Blocking;

    protected override ProducerType ProducerType => ProducerType.Single;

    protected override StageTopology Topology => StageTopology.Fused;
}

[Collection(BusyThreadsCollection.Name)]
public sealed class BusySpinSingleProducerFusedPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.BusySpin;

    protected override ProducerType ProducerType => ProducerType.Single;

    protected override StageTopology Topology => StageTopology.Fused;
}

// Auto on 3 cores with one producer: two stage threads, a+b then c, so c's thread waits on stages of another thread.
[Collection(BusyThreadsCollection.Name)]
public sealed class HybridSingleProducerSplitPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Hybrid;

    protected override ProducerType ProducerType => ProducerType.Single;

    protected override StageTopology Topology => StageTopology.Auto;

    protected override int Cores => 3;
}

// Auto on 4 cores with two producers: the same split, behind the multi-producer sequencer.
[Collection(BusyThreadsCollection.Name)]
public sealed class YieldingMultiProducerSplitPipelineTests : PipelineContractTests
{
    protected override WaitStrategyKind WaitStrategyKind => WaitStrategyKind.Yielding;

    protected override ProducerType ProducerType => ProducerType.Multi;

    protected override StageTopology Topology => StageTopology.Auto;

    protected override int Cores => 4;
}
