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
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new StageHandler(Stage.B, Stage.A))
            .Then(new StageHandler(Stage.C, Stage.A | Stage.B));
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        AssertStagesSawEverything(pipeline, 3);
        Assert.Empty(faults);
    }

    [Fact]
    public void Then_AfterParallelPair_JoinStageSeesBothMarks()
    {
        using var pipeline = NewPipeline();
        List<HandlerFault> faults = pipeline.RecordFaults();
        HandlerGroup<TestEvent> pair = pipeline.HandleEventsWith(
            new StageHandler(Stage.A, Stage.None), new StageHandler(Stage.B, Stage.None));
        pair.Then(new StageHandler(Stage.C, Stage.A | Stage.B));
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(2, pair.Processors.Count);
        AssertStagesSawEverything(pipeline, 3);
        Assert.Empty(faults);
    }

    [Fact]
    public void ThenPair_AfterOneStage_BothSeeItsMark()
    {
        using var pipeline = NewPipeline();
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new StageHandler(Stage.B, Stage.A), new StageHandler(Stage.C, Stage.A));
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        AssertStagesSawEverything(pipeline, 3);
        Assert.Empty(faults);
    }

    [Fact]
    public void ThenTriple_AfterParallelTriple_EveryHandlerSeesEveryEvent()
    {
        using var pipeline = new EventPipeline<TestEvent>(RingSize, ProducerType.Single, new HybridWaitStrategy());
        List<HandlerFault> faults = pipeline.RecordFaults();
        HandlerGroup<TestEvent> last = pipeline
            .HandleEventsWith(new StageHandler(Stage.A, Stage.None), new StageHandler(Stage.B, Stage.None),
                new StageHandler(Stage.C, Stage.None))
            .Then(new StageHandler(Stage.None, Stage.A | Stage.B | Stage.C), new StageHandler(Stage.None, Stage.A | Stage.B | Stage.C),
                new StageHandler(Stage.None, Stage.A | Stage.B | Stage.C));
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 10_000));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(3, last.Processors.Count);
        AssertStagesSawEverything(pipeline, 6, 10_000);
        Assert.Empty(faults);
    }

    [Fact]
    public void And_BesideSecondStage_RunsAfterTheFirstAndBeforeTheThird()
    {
        using var pipeline = NewPipeline();
        List<HandlerFault> faults = pipeline.RecordFaults();
        HandlerGroup<TestEvent> middle = pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new StageHandler(Stage.B, Stage.A))
            .And(new StageHandler(Stage.C, Stage.A), new HandlerOptions { Name = "beside" });
        middle.Then(new StageHandler(Stage.None, Stage.A | Stage.B | Stage.C));
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal([nameof(StageHandler), "beside"], middle.Processors.Select(p => p.Name));
        AssertStagesSawEverything(pipeline, 4);
        Assert.Empty(faults);
    }

    [Fact]
    public void And_OnFirstStage_DependsOnNothingAndGatesTheProducer()
    {
        using var pipeline = new EventPipeline<TestEvent>(RingSize, ProducerType.Single, new YieldingWaitStrategy());
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None)).And(new StageHandler(Stage.B, Stage.None));
        pipeline.Start();

        // Both are leaves: the ring may not lap either of them (a lapped slot shows up as Overwritten).
        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        AssertStagesSawEverything(pipeline, 2);
        Assert.Empty(faults);
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

    private static void AssertStagesSawEverything(EventPipeline<TestEvent> pipeline, int handlers, int events = Events)
    {
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
