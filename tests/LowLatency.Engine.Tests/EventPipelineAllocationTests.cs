using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

/// <summary>
/// Zero allocation per event across the whole pipeline (producer and every handler thread). It reads the
/// process-wide allocation counter, so it runs in a collection with parallelization disabled: nothing else runs.
/// Kept apart from <see cref="EventPipelineTests"/> for that reason only.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class EventPipelineAllocationTests
{
    // Allowed difference between the two sizes. Building, starting and stopping a pipeline allocates the same few KB
    // each time (ring, threads, delegates, barrier arrays), and those cancel out; what can remain is runtime
    // bookkeeping that happens to land in one run and not the other (a tiered-JIT promotion, a lazily created
    // runtime object). Any per-event allocation would differ by at least 1,000,000 x (smallest object, 24 bytes).
    private const long ToleranceBytes = 1024;

    [Theory]
    [Trait("Category", "Stress")]
    [InlineData(StageTopology.Threaded)]
    [InlineData(StageTopology.Fused)]
    public void ThreeStagePipeline_TwiceTheEvents_AllocatesNoMore(StageTopology topology)
    {
        // Fewest of up to three runs each: on a loaded machine a one-off runtime allocation can land in one run, while
        // a per-event allocation would make every 2M run allocate megabytes more than every 1M run.
        long oneMillion = AllocationProbe.MeasureAllThreads(() => RunPipeline(1_000_000, topology));
        long twoMillion = AllocationProbe.MeasureAllThreads(() => RunPipeline(2_000_000, topology));
        long delta = twoMillion - oneMillion;

        Assert.True(Math.Abs(delta) < ToleranceBytes,
            $"1M events allocated {oneMillion} bytes, 2M allocated {twoMillion} bytes: {delta} more");
    }

    /// <summary>Builds, runs and shuts down a 3-stage pipeline over <paramref name="events"/>.</summary>
    private static void RunPipeline(int events, StageTopology topology)
    {
        using var pipeline = new EventPipeline<TestEvent>(1024) { Topology = topology };
        pipeline.FaultReporter = static _ => { };
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new BatchCountingHandler(), new HandlerOptions { MaxBatchSize = 64 })
            .Then(new StageHandler(Stage.B, Stage.A))
            .Then(new StageHandler(Stage.C, Stage.B));
        pipeline.Start();
        TestThread producer = TestThread.Start("producer", () => Publish.Sequential(pipeline.RingBuffer, events));
        bool joined = producer.Join(Timeouts.Safety);
        if (!joined)
        {
            pipeline.Halt(); // release the producer, then fail
        }

        Assert.True(joined, "the producer did not finish");
        Assert.Null(producer.Error);
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(events, pipeline.HandlerAt<StageHandler>(3).Count);
        Assert.Equal(0, pipeline.HandlerAt<StageHandler>(3).MissingMarks);
        Assert.Equal(events, pipeline.HandlerAt<BatchCountingHandler>(1).BatchedEvents); // the batch hook ran, boxing nothing
    }
}
