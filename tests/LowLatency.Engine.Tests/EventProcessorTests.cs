using LowLatency.Engine.Tests.Support;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

public sealed class EventProcessorTests
{
    [Fact]
    public void Run_EventsPublishedBeforeStart_OneBatchFlaggedOnItsLastEvent()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var ends = new List<long>();
        var host = new RecordingHost();
        var processor = new EventProcessor<TestEvent, EndOfBatchHandler>(ring, new EndOfBatchHandler(ends), "batches",
            new HandlerOptions { ExceptionPolicy = ExceptionPolicy.LogAndContinue }, [], host);
        var thread = new StageThread<TestEvent>(ring, [processor], host);
        ring.Sequencer.AddGatingSequences(processor.Sequence);
        long high = ring.Next(5);
        ring.Publish(high - 4, high);

        thread.Start(ThreadPriority.Normal);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => processor.ProcessedCount == 5, Timeouts.Safety));
            high = ring.Next(3);
            ring.Publish(high - 2, high); // one cursor store: the processor sees 5..7 as one batch
            Assert.True(SpinWait.SpinUntil(() => processor.ProcessedCount == 8, Timeouts.Safety));
        }
        finally
        {
            thread.Barrier.Alert();
            Assert.True(thread.Join(Timeouts.Safety));
        }

        Assert.Equal([4L, 7L], ends);
        Assert.Equal(8, processor.Handler.Count);
        Assert.Equal(1, host.StartedCount);
        Assert.Empty(host.Faults);
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void Run_HandlerThrows_ReportsFaultSkipsEventAndContinues()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var host = new RecordingHost();
        var processor = new EventProcessor<TestEvent, ThrowingHandler>(ring, ThrowingHandler.OnEveryNth(3), "thrower",
            new HandlerOptions { ExceptionPolicy = ExceptionPolicy.LogAndContinue }, [], host);
        var thread = new StageThread<TestEvent>(ring, [processor], host);
        ring.Sequencer.AddGatingSequences(processor.Sequence);
        thread.Start(ThreadPriority.Normal);
        try
        {
            Publish.Sequential(ring, 10);
            Assert.True(SpinWait.SpinUntil(() => processor.ProcessedCount == 10, Timeouts.Safety));
        }
        finally
        {
            thread.Barrier.Alert();
            Assert.True(thread.Join(Timeouts.Safety));
        }

        Assert.Equal(3, processor.FailureCount);                // sequences 2, 5, 8
        Assert.Equal(7, processor.Handler.Handled);
        Assert.Equal(Publish.SumOfValues(10) - (3 + 6 + 9), processor.Handler.Sum);
        Assert.Equal([2L, 5L, 8L], host.Faults.Select(f => f.Sequence));
        Assert.All(host.Faults, f =>
        {
            Assert.Equal("thrower", f.HandlerName);
            Assert.Equal(ExceptionPolicy.LogAndContinue, f.Policy);
            Assert.Equal(ThrowingHandler.FailureMessage, Assert.IsType<InvalidOperationException>(f.Exception).Message);
        });
    }

    [Fact]
    public void Name_NoOption_IsHandlerTypeName()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());

        Assert.Equal(nameof(CountingHandler), pipeline.Processors[0].Name);
    }

    [Fact]
    public void ExceptionPolicy_OptionOrPipelineDefault_Applied()
    {
        using var pipeline = new EventPipeline<TestEvent>(8) { DefaultExceptionPolicy = ExceptionPolicy.Halt };
        pipeline.HandleEventsWith(new CountingHandler())
            .Then(new CountingHandler(), new HandlerOptions { ExceptionPolicy = ExceptionPolicy.LogAndContinue });

        Assert.Equal(ExceptionPolicy.Halt, pipeline.Processors[0].ExceptionPolicy);
        Assert.Equal(ExceptionPolicy.LogAndContinue, pipeline.Processors[1].ExceptionPolicy);
    }

    [Fact]
    public void Lifecycle_StartAndShutdown_HooksRunOnceOnHandlerThreadAroundEvents()
    {
        const int Events = 1_000;
        var probe = new LifecycleProbe();
        using var pipeline = new EventPipeline<TestEvent>(64);
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new LifecycleHandler(probe), new HandlerOptions { Name = "lifecycle-handler" });

        Assert.False(pipeline.Processors[0].IsRunning);
        pipeline.Start();

        // Start returns only after every OnStart ran.
        Assert.Equal(1, Volatile.Read(ref probe.Starts));
        Assert.True(pipeline.Processors[0].IsRunning);
        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));
        Assert.True(pipeline.Shutdown(Timeouts.Safety));

        Assert.Equal(1, probe.Starts);
        Assert.Equal(1, probe.Shutdowns);
        Assert.Equal("lifecycle-handler", probe.StartThreadName);
        Assert.Equal("lifecycle-handler", probe.EventThreadName);
        Assert.Equal("lifecycle-handler", probe.ShutdownThreadName);
        Assert.Equal(0, probe.EventsBeforeStart);
        Assert.Equal(Events, probe.EventsAtShutdown);
        Assert.False(pipeline.Processors[0].IsRunning);
        Assert.Empty(faults);
    }

    [Fact]
    public void Lifecycle_OnStartThrows_ReportedWithNoSequenceAndEventsStillProcessed()
    {
        var probe = new LifecycleProbe { ThrowOnStart = true };
        using var pipeline = new EventPipeline<TestEvent>(64);
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new LifecycleHandler(probe), new HandlerOptions { Name = "bad-start" });
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 100));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        HandlerFault fault = Assert.Single(faults);
        Assert.Equal("bad-start", fault.HandlerName);
        Assert.Equal(Sequence.InitialValue, fault.Sequence);
        Assert.Equal(100, probe.Events);
        Assert.Equal(0, pipeline.Processors[0].FailureCount); // lifecycle faults are reported, not counted as events
    }

    [Fact]
    [Trait("Category", "Stress")]
    public void LogAndContinue_EveryThousandthEventThrows_OthersProcessedByAllStagesAndFaultsExact()
    {
        const int Events = 100_000, FailEvery = 1_000;
        using var pipeline = new EventPipeline<TestEvent>(1024, ProducerType.Single, new YieldingWaitStrategy());
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(ThrowingHandler.OnEveryNth(FailEvery),
                new HandlerOptions { Name = "thrower", ExceptionPolicy = ExceptionPolicy.LogAndContinue })
            .Then(new StageHandler(Stage.B, Stage.None))
            .Then(new StageHandler(Stage.C, Stage.B));
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(PipelineState.Stopped, pipeline.State);
        const int Failures = Events / FailEvery;
        IEventProcessor thrower = pipeline.Processors[0];
        Assert.Equal(Events, thrower.ProcessedCount); // failed events count as processed
        Assert.Equal(Failures, thrower.FailureCount);
        ThrowingHandler throwing = pipeline.HandlerAt<ThrowingHandler>(0);
        Assert.Equal(Events - Failures, throwing.Handled);
        // values are sequence + 1, and the failing sequences are k*1000 - 1: their values are k*1000
        Assert.Equal(Publish.SumOfValues(Events) - FailEvery * Publish.SumOfValues(Failures), throwing.Sum);
        for (int i = 1; i <= 2; i++)
        {
            StageHandler later = pipeline.HandlerAt<StageHandler>(i);
            Assert.Equal(Events, pipeline.Processors[i].ProcessedCount);
            Assert.Equal(0, pipeline.Processors[i].FailureCount);
            Assert.Equal(Events, later.Count);
            Assert.Equal(Publish.SumOfValues(Events), later.Sum);
            Assert.Equal(0, later.MissingMarks);
            Assert.Equal(0, later.OutOfOrder);
        }

        Assert.Equal(Failures, faults.Count);
        Assert.Equal(Enumerable.Range(1, Failures).Select(k => (long)k * FailEvery - 1), faults.Select(f => f.Sequence));
        Assert.All(faults, f =>
        {
            Assert.Equal("thrower", f.HandlerName);
            Assert.Equal(ExceptionPolicy.LogAndContinue, f.Policy);
            Assert.IsType<InvalidOperationException>(f.Exception);
        });
        Assert.Null(pipeline.HaltingFault);
    }

    [Fact]
    public void FaultReporter_Fault_CalledOnFailingHandlersThread()
    {
        using var pipeline = new EventPipeline<TestEvent>(64);
        string? reporterThread = null;
        pipeline.FaultReporter = _ => reporterThread = Thread.CurrentThread.Name;
        pipeline.HandleEventsWith(ThrowingHandler.AtSequence(3), new HandlerOptions { Name = "failing" });
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 10));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal("failing", reporterThread);
    }
}
