using System.Collections.Concurrent;
using LowLatency.Engine.Tests.Support;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

/// <summary>Batch hook, maximum batch size and idle timeout, threaded and fused.</summary>
public sealed class HandlerHookTests
{
    [Fact]
    public void HandlerHooks_OnlyImplementedHooksAreCalled()
    {
        Assert.False(HandlerHooks<TestEvent, CountingHandler>.HasBatchStart);
        Assert.False(HandlerHooks<TestEvent, CountingHandler>.HasTimeout);
        Assert.True(HandlerHooks<TestEvent, BatchCountingHandler>.HasBatchStart);
        Assert.False(HandlerHooks<TestEvent, BatchCountingHandler>.HasTimeout);
        Assert.True(HandlerHooks<TestEvent, IdleHandler>.HasTimeout);
    }

    [Theory]
    [InlineData(StageTopology.Threaded)]
    [InlineData(StageTopology.Fused)]
    public void MaxBatchSize_HundredEventsWaiting_BatchesOfSixteenThenTheRest(StageTopology topology)
    {
        var sizes = new List<long>();
        using var pipeline = new EventPipeline<TestEvent>(256) { Topology = topology };
        pipeline.HandleEventsWith(new CountingHandler())
            .Then(new BatchCountingHandler(sizes), new HandlerOptions { MaxBatchSize = 16 });
        Publish.Sequential(pipeline.RingBuffer, 100); // all waiting before Start: the stages see one run of 100

        pipeline.Start();
        Assert.True(pipeline.Shutdown(Timeouts.Safety));

        Assert.Equal([16L, 16, 16, 16, 16, 16, 4], sizes);
        ref BatchCountingHandler handler = ref pipeline.HandlerAt<BatchCountingHandler>(1);
        Assert.Equal(100, handler.Events);
        Assert.Equal(0, handler.Mismatches);
    }

    [Fact]
    public void Fused_ThousandEventsWaiting_EveryStageGetsTheSameBatchesOfTheFusedLimit()
    {
        var first = new List<long>();
        var last = new List<long>();
        using var pipeline = new EventPipeline<TestEvent>(2048) { Topology = StageTopology.Fused };
        pipeline.HandleEventsWith(new BatchCountingHandler(first))
            .Then(new StageHandler(Stage.A, Stage.None))
            .Then(new BatchCountingHandler(last));
        Publish.Sequential(pipeline.RingBuffer, 1000);

        pipeline.Start();
        Assert.True(pipeline.Shutdown(Timeouts.Safety));

        long limit = TopologyPlan.FusedBatchLimit;
        long[] expected = [limit, limit, limit, 1000 - 3 * limit];
        Assert.Equal(expected, first);
        Assert.Equal(expected, last);
        Assert.Equal(0, pipeline.HandlerAt<BatchCountingHandler>(0).Mismatches + pipeline.HandlerAt<BatchCountingHandler>(2).Mismatches);
    }

    [Fact]
    public void Fused_HaltingStage_LaterStagesStopJustBeforeTheFailedEvent()
    {
        using var pipeline = new EventPipeline<TestEvent>(256) { Topology = StageTopology.Fused };
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new CountingHandler())
            .Then(ThrowingHandler.AtSequence(37), new HandlerOptions { ExceptionPolicy = ExceptionPolicy.Halt })
            .Then(new CountingHandler());
        Publish.Sequential(pipeline.RingBuffer, 100);

        pipeline.Start();

        Assert.True(SpinWait.SpinUntil(() => pipeline.State == PipelineState.Halted, Timeouts.Safety));
        Assert.Equal(37, pipeline.HaltingFault?.Sequence);
        Assert.Equal(100, pipeline.Processors[0].ProcessedCount);
        Assert.Equal(37, pipeline.Processors[1].ProcessedCount);
        Assert.Equal(37, pipeline.HandlerAt<CountingHandler>(2).Count);
        Assert.Single(faults);
    }

    [Theory]
    [InlineData(ExceptionPolicy.LogAndContinue, 40)]
    [InlineData(ExceptionPolicy.Halt, 16)]
    public void OnBatchStartThrows_ReportedAtTheBatchsFirstEvent_HaltStopsBeforeIt(ExceptionPolicy policy, long processed)
    {
        using var pipeline = new EventPipeline<TestEvent>(64);
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new BatchStartThrowingHandler(failingBatch: 2), new HandlerOptions { MaxBatchSize = 16, ExceptionPolicy = policy });
        Publish.Sequential(pipeline.RingBuffer, 40); // batches 0-15, 16-31, 32-39

        pipeline.Start();
        Assert.True(SpinWait.SpinUntil(() => pipeline.Processors[0].ProcessedCount == processed
            && (policy != ExceptionPolicy.Halt || pipeline.State == PipelineState.Halted), Timeouts.Safety));
        pipeline.Shutdown(Timeouts.Safety);

        HandlerFault fault = Assert.Single(faults);
        Assert.Equal(16, fault.Sequence);
        Assert.Equal(1, pipeline.Processors[0].FailureCount);
        Assert.Equal(processed, pipeline.Processors[0].ProcessedCount);
        Assert.Equal(processed, pipeline.HandlerAt<BatchStartThrowingHandler>(0).Count); // a failed hook skips no event
    }

    [Fact]
    public void IdleTimeout_Huge_MeansNever()
    {
        var timeouts = new ConcurrentQueue<long>();
        using var pipeline = new EventPipeline<TestEvent>(64);
        pipeline.HandleEventsWith(new IdleHandler(timeouts), new HandlerOptions { IdleTimeout = TimeSpan.MaxValue });
        pipeline.Start();
        Publish.Sequential(pipeline.RingBuffer, 5);

        Assert.True(SpinWait.SpinUntil(() => pipeline.Processors[0].ProcessedCount == 5, Timeouts.Safety));
        Thread.Sleep(Timeouts.Absence);
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Empty(timeouts);
    }

    [Fact]
    public void MaxBatchSize_BelowOne_Throws()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.HandleEventsWith(new CountingHandler(), new HandlerOptions { MaxBatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.HandleEventsWith(new CountingHandler(), new HandlerOptions { IdleTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.HandleEventsWith(new CountingHandler(), new HandlerOptions { IdleTimeout = Timeout.InfiniteTimeSpan }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(EventPipeline<TestEvent>.DefaultCoalesceBatch)]
    public void CoalesceBatch_StreamThatStops_EveryEventHandedOverWithoutWaitingForTheTarget(int coalesceBatch)
    {
        var sizes = new List<long>();
        var strategy = new HybridWaitStrategy(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        using var pipeline = new EventPipeline<TestEvent>(4096, ProducerType.Single, strategy) { CoalesceBatch = coalesceBatch };
        pipeline.HandleEventsWith(new BatchCountingHandler(sizes));
        Publish.Sequential(pipeline.RingBuffer, 5);
        pipeline.Start();
        Assert.True(SpinWait.SpinUntil(() => pipeline.Processors[0].ProcessedCount == 5, Timeouts.Safety));

        // Two events in one publish after a batch of five: "streaming", so the stage may wait for more, but the stream
        // has stopped, and it must hand these two over without a publish that never comes.
        long high = pipeline.RingBuffer.Next(2);
        pipeline.RingBuffer.Publish(high - 1, high);

        Assert.True(SpinWait.SpinUntil(() => pipeline.Processors[0].ProcessedCount == 7, Timeouts.Safety), "the stage held the last events back");
        Assert.Equal([5L, 2], sizes);
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
    }

    [Fact]
    public void CoalesceBatch_Negative_Throws()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.CoalesceBatch = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Cores = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.ProducerThreads = -1);
    }

    public static TheoryData<string, StageTopology> IdleCases => new()
    {
        // Parking strategies with no park timeout: only the idle deadline can wake the handler, so a strategy that
        // ignored it would never call OnTimeout and the test would fail at its safety timeout.
        { "HybridNoParkTimeout", StageTopology.Threaded },
        { "HybridNoParkTimeout", StageTopology.Fused },
        { "BlockingNoParkTimeout", StageTopology.Threaded },
        { "Yielding", StageTopology.Threaded },
        { "Sleeping", StageTopology.Fused },
    };

    [Theory]
    [MemberData(nameof(IdleCases))]
    public void IdleTimeout_NoEvents_RunsOnTheHandlerWithTheLastFinishedSequence(string wait, StageTopology topology)
    {
        IWaitStrategy strategy = wait switch
        {
            "HybridNoParkTimeout" => new HybridWaitStrategy(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan),
            "BlockingNoParkTimeout" => new BlockingWaitStrategy(Timeout.InfiniteTimeSpan),
            "Yielding" => new YieldingWaitStrategy(),
            _ => new SleepingWaitStrategy(),
        };
        var timeouts = new ConcurrentQueue<long>();
        using var pipeline = new EventPipeline<TestEvent>(64, ProducerType.Single, strategy) { Topology = topology };
        pipeline.HandleEventsWith(new CountingHandler())
            .Then(new IdleHandler(timeouts), new HandlerOptions { IdleTimeout = TimeSpan.FromMilliseconds(20) });
        pipeline.Start();

        Assert.True(SpinWait.SpinUntil(() => timeouts.Count >= 2, Timeouts.Safety), "no idle timeout ran");
        Publish.Sequential(pipeline.RingBuffer, 3);
        Assert.True(SpinWait.SpinUntil(() => timeouts.Contains(2), Timeouts.Safety), "no idle timeout after the events");
        Assert.True(pipeline.Shutdown(Timeouts.Safety));

        long[] seen = [.. timeouts];
        int firstAfter = Array.IndexOf(seen, 2L);
        Assert.All(seen[..firstAfter], s => Assert.Equal(-1, s));   // before the events: nothing finished yet
        Assert.All(seen[firstAfter..], s => Assert.Equal(2, s));    // after: the last event handled
        Assert.Equal(3, pipeline.HandlerAt<IdleHandler>(1).Count);
    }
}
