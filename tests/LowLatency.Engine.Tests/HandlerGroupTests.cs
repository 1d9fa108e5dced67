using LowLatency.Engine.Tests.Support;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

/// <summary>The dependency DSL: a stage never sees a sequence before every stage it follows finished it.</summary>
[Collection(BusyThreadsCollection.Name)]
public sealed class HandlerGroupTests
{
    private const int Events = 100_000;
    private const int RingSize = 256; // small: many laps, so a stale mark from an earlier lap would be caught

    [Fact]
    public void Then_ThreeStageChain_EachStageSeesPreviousStagesMarkInOrder()
    {
        using var pipeline = NewPipeline();
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new StageHandler(Stage.B, Stage.A))
            .Then(new StageHandler(Stage.C, Stage.A | Stage.B));

        RunToShutdown(pipeline, 3);
    }

    [Fact]
    public void Then_AfterParallelPair_JoinStageSeesBothMarks()
    {
        using var pipeline = NewPipeline();
        HandlerGroup<TestEvent> pair = pipeline.HandleEventsWith(
            new StageHandler(Stage.A, Stage.None), new StageHandler(Stage.B, Stage.None));
        pair.Then(new StageHandler(Stage.C, Stage.A | Stage.B));

        RunToShutdown(pipeline, 3);

        Assert.Equal(2, pair.Processors.Count);
    }

    [Fact]
    public void ThenPair_AfterOneStage_BothSeeItsMark()
    {
        using var pipeline = NewPipeline();
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new StageHandler(Stage.B, Stage.A), new StageHandler(Stage.C, Stage.A));

        RunToShutdown(pipeline, 3);
    }

    [Fact]
    public void ThenTriple_AfterParallelTriple_EveryHandlerSeesEveryEvent()
    {
        using var pipeline = new EventPipeline<TestEvent>(RingSize, ProducerType.Single, new HybridWaitStrategy());
        HandlerGroup<TestEvent> last = pipeline
            .HandleEventsWith(new StageHandler(Stage.A, Stage.None), new StageHandler(Stage.B, Stage.None),
                new StageHandler(Stage.C, Stage.None))
            .Then(new StageHandler(Stage.None, Stage.A | Stage.B | Stage.C), new StageHandler(Stage.None, Stage.A | Stage.B | Stage.C),
                new StageHandler(Stage.None, Stage.A | Stage.B | Stage.C));

        RunToShutdown(pipeline, 6, 10_000);

        Assert.Equal(3, last.Processors.Count);
    }

    [Fact]
    public void And_BesideSecondStage_RunsAfterTheFirstAndBeforeTheThird()
    {
        using var pipeline = NewPipeline();
        HandlerGroup<TestEvent> middle = pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new StageHandler(Stage.B, Stage.A))
            .And(new StageHandler(Stage.C, Stage.A), new HandlerOptions { Name = "beside" });
        middle.Then(new StageHandler(Stage.None, Stage.A | Stage.B | Stage.C));

        RunToShutdown(pipeline, 4);

        Assert.Equal([nameof(StageHandler), "beside"], middle.Processors.Select(p => p.Name));
    }

    [Fact]
    public void And_OnFirstStage_DependsOnNothingAndGatesTheProducer()
    {
        using var pipeline = new EventPipeline<TestEvent>(RingSize, ProducerType.Single, new YieldingWaitStrategy());
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None)).And(new StageHandler(Stage.B, Stage.None));

        // Both are leaves: the ring may not lap either of them (a lapped slot shows up as Overwritten).
        RunToShutdown(pipeline, 2);
    }

    [Fact]
    public void Processors_Group_ListsItsOwnHandlersInOrder()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        HandlerGroup<TestEvent> first = pipeline.HandleEventsWith(new CountingHandler(), new StageHandler(Stage.A, Stage.None));
        HandlerGroup<TestEvent> second = first.Then(new StageHandler(Stage.B, Stage.A), new HandlerOptions { Name = "b" });

        Assert.Equal([nameof(CountingHandler), nameof(StageHandler)], first.Processors.Select(p => p.Name));
        Assert.Equal("b", Assert.Single(second.Processors).Name);
        Assert.Equal(3, pipeline.Processors.Count);
    }

    private static EventPipeline<TestEvent> NewPipeline() =>
        new(RingSize, ProducerType.Single, new YieldingWaitStrategy());

    /// <summary>Starts the wired pipeline, publishes <paramref name="events"/> from one thread, stops it, and checks that
    /// each of the <paramref name="handlers"/> stages saw every event once, in order, with its marks and no fault.</summary>
    private static void RunToShutdown(EventPipeline<TestEvent> pipeline, int handlers, int events = Events)
    {
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, events));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Empty(faults);
        Assert.Equal(handlers, pipeline.Processors.Count);
        for (int i = 0; i < handlers; i++)
        {
            StageHandler stage = pipeline.HandlerAt<StageHandler>(i);
            Assert.Equal(events, stage.Count);
            Assert.Equal(events, pipeline.Processors[i].ProcessedCount);
            Assert.Equal(Publish.SumOfValues(events), stage.Sum);
            Assert.Equal(0, stage.MissingMarks);
            Assert.Equal(0, stage.OutOfOrder);
            Assert.Equal(0, stage.Overwritten);
        }
    }
}
