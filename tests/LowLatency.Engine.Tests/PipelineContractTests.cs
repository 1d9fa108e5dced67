using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

/// <summary>
/// What every pipeline must do whatever its wait strategy and producer type: sealed subclasses (one per variant,
/// in PipelineContractVariants.cs) pick the variant. Exact counts and sums per stage, and a graceful shutdown.
/// </summary>
public abstract class PipelineContractTests
{
    // Modest, so the BusySpin variants (which collapse when threads outnumber the 2 cores) stay quick.
    private const int Events = 200_000;
    private const int RingSize = 4096;

    protected abstract WaitStrategyKind WaitStrategyKind { get; }

    protected abstract ProducerType ProducerType { get; }

    /// <summary>Threaded unless a variant fuses the stages onto one thread.</summary>
    protected virtual StageTopology Topology => StageTopology.Threaded;

    /// <summary>Cores the Auto topology plans for: 3 splits three stages into two threads (a+b | c).</summary>
    protected virtual int Cores => TopologyPlan.AvailableCores;

    private int ExpectedThreads => TopologyPlan.ThreadCount(Topology, 3, Cores, ProducerCount);

    // Two publishing threads exercise the multi-producer claim; one is all a single-producer ring allows.
    private int ProducerCount => ProducerType == ProducerType.Multi ? 2 : 1;

    [Fact]
    [Trait("Category", "Stress")]
    public void ThreeStageChain_AllEvents_ExactCountsAndSumsPerStageAndGracefulShutdown()
    {
        using var pipeline = NewPipeline();
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new StageHandler(Stage.B, Stage.A))
            .Then(new StageHandler(Stage.C, Stage.B));

        RunToShutdown(pipeline, stages: 3);
    }

    [Fact]
    [Trait("Category", "Stress")]
    public void Diamond_AllEvents_ExactCountsAndSumsPerStageAndGracefulShutdown()
    {
        using var pipeline = NewPipeline();
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None), new StageHandler(Stage.B, Stage.None))
            .Then(new StageHandler(Stage.C, Stage.A | Stage.B));

        RunToShutdown(pipeline, stages: 3);
    }

    private EventPipeline<TestEvent> NewPipeline() =>
        new(RingSize, ProducerType, WaitStrategy.Create(WaitStrategyKind)) { Topology = Topology, Cores = Cores, ProducerThreads = ProducerCount };

    /// <summary>Starts the wired pipeline, publishes every event from <see cref="ProducerCount"/> threads, stops it, and
    /// checks that each stage saw every event once, in order, on the planned threads, with no fault.</summary>
    private void RunToShutdown(EventPipeline<TestEvent> pipeline, int stages)
    {
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.Start();

        Producers.Run(pipeline, ProducerCount, id => Publish.Sequential(pipeline.RingBuffer, Events / ProducerCount, id));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Empty(faults);
        Assert.Equal(ExpectedThreads, pipeline.StageThreads.Count);
        Assert.Equal(PipelineState.Stopped, pipeline.State);
        long expectedSum = ProducerCount * Publish.SumOfValues(Events / ProducerCount);
        for (int i = 0; i < stages; i++)
        {
            StageHandler stage = pipeline.HandlerAt<StageHandler>(i);
            Assert.Equal(Events, pipeline.Processors[i].ProcessedCount);
            Assert.Equal(Events, stage.Count);
            Assert.Equal(expectedSum, stage.Sum);
            Assert.Equal(0, stage.MissingMarks);
            Assert.Equal(0, stage.OutOfOrder);
            Assert.Equal(0, stage.Overwritten);
            Assert.False(pipeline.Processors[i].IsRunning);
        }
    }
}
