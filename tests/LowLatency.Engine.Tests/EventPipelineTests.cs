using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

public sealed class EventPipelineTests
{
    public static TheoryData<WaitStrategyKind> WaitStrategyKinds => [.. Enum.GetValues<WaitStrategyKind>()];

    [Fact]
    public void Ctor_RingSize_CreatesRingOfThatSize()
    {
        using var pipeline = new EventPipeline<TestEvent>(256, ProducerType.Multi);

        Assert.Equal(256, pipeline.RingBuffer.BufferSize);
        Assert.Equal(ProducerType.Multi, pipeline.RingBuffer.ProducerType);
        Assert.Equal(PipelineState.Configuring, pipeline.State);
        Assert.Empty(pipeline.Processors);
    }

    [Fact]
    public void Ctor_NullRing_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new EventPipeline<TestEvent>(null!));
    }

    [Fact]
    public void Start_NoHandlers_ThrowsWithClearMessage()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);

        var ex = Assert.Throws<InvalidOperationException>(pipeline.Start);

        Assert.Contains("no handlers", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PipelineState.Configuring, pipeline.State);
    }

    [Fact]
    public void Start_Twice_ThrowsWithClearMessage()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();

        var ex = Assert.Throws<InvalidOperationException>(pipeline.Start);

        Assert.Contains("starts once", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PipelineState.Running, pipeline.State);
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
    }

    [Fact]
    public void Start_AfterShutdown_Throws()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();
        Assert.True(pipeline.Shutdown(Timeouts.Safety));

        Assert.Throws<InvalidOperationException>(pipeline.Start);
    }

    [Fact]
    public void HandleEventsWith_AfterStart_ThrowsWithClearMessage()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        HandlerGroup<TestEvent> group = pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();

        var first = Assert.Throws<InvalidOperationException>(() => pipeline.HandleEventsWith(new CountingHandler()));
        Assert.Throws<InvalidOperationException>(() => pipeline.HandleEventsWith(new CountingHandler(), new CountingHandler()));
        Assert.Throws<InvalidOperationException>(() => group.Then(new CountingHandler()));
        Assert.Throws<InvalidOperationException>(() => group.Then(new CountingHandler(), new CountingHandler()));

        Assert.Contains("before the pipeline starts", first.Message, StringComparison.Ordinal);
        Assert.Single(pipeline.Processors);
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
    }

    [Fact]
    public void GetProcessor_HandlerTypeNotAdded_ThrowsNamingIt()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());

        var ex = Assert.Throws<InvalidOperationException>(() => pipeline.GetProcessor<StageHandler>());

        Assert.Contains(nameof(StageHandler), ex.Message, StringComparison.Ordinal);
        Assert.Same(pipeline.Processors[0], pipeline.GetProcessor<CountingHandler>());
    }

    [Fact]
    public void Shutdown_AfterNEvents_EveryHandlerProcessedExactlyNAndReturnsTrue()
    {
        const int Events = 50_000;
        using var pipeline = new EventPipeline<TestEvent>(1024);
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new StageHandler(Stage.A, Stage.None))
            .Then(new StageHandler(Stage.B, Stage.A))
            .Then(new StageHandler(Stage.C, Stage.B));
        pipeline.Start();
        Assert.Equal(PipelineState.Running, pipeline.State);

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));
        bool drained = pipeline.Shutdown(Timeouts.Safety);

        Assert.True(drained);
        Assert.Equal(PipelineState.Stopped, pipeline.State);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Events, pipeline.Processors[i].ProcessedCount);
            Assert.Equal(Events, pipeline.HandlerAt<StageHandler>(i).Count);
            Assert.Equal(Publish.SumOfValues(Events), pipeline.HandlerAt<StageHandler>(i).Sum);
            Assert.False(pipeline.Processors[i].IsRunning);
        }

        Assert.Equal(0, pipeline.Lag);
        Assert.Empty(faults);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Next_AfterShutdown_ThrowsInvalidOperationWithClearMessage(ProducerType producerType)
    {
        using var pipeline = new EventPipeline<TestEvent>(8, producerType);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();
        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 3));
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        RingBuffer<TestEvent> ring = pipeline.RingBuffer;

        var ex = Assert.Throws<InvalidOperationException>(() => ring.Next());

        Assert.Equal("Cannot claim a slot: the pipeline has been shut down.", ex.Message);
        Assert.Throws<InvalidOperationException>(() => ring.TryNext(out _));
        Assert.Throws<InvalidOperationException>(() =>
        {
            using RingBuffer<TestEvent>.Claim claim = ring.ClaimNext();
        });
        Assert.Equal(3, pipeline.GetProcessor<CountingHandler>().Handler.Count);
    }

    [Fact]
    public void Shutdown_Twice_SecondAlsoReturnsTrue()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(PipelineState.Stopped, pipeline.State);
    }

    [Fact]
    public void Shutdown_NeverStartedNothingPublished_ReturnsTrueAndStops()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(PipelineState.Stopped, pipeline.State);
    }

    [Fact]
    public void Shutdown_HandlerStuckPastTimeout_ReturnsFalseAndStillStops()
    {
        using var gate = new ManualResetEventSlim(false);
        using var entered = new ManualResetEventSlim(false);
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new BlockingHandler(gate, entered));
        pipeline.Start();
        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 4));
        Assert.True(entered.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));

        bool drained;
        try
        {
            // The handler is held, so the drain cannot finish: Shutdown gives up, alerts, and joins with a bound.
            drained = pipeline.Shutdown(TimeSpan.FromMilliseconds(50));
        }
        finally
        {
            gate.Set();
        }

        Assert.False(drained);
        Assert.Equal(PipelineState.Stopped, pipeline.State);
        Assert.True(SpinWait.SpinUntil(() => !pipeline.Processors[0].IsRunning, Timeouts.Safety));
    }

    [Theory]
    [MemberData(nameof(WaitStrategyKinds))]
    public void Halt_IdleRunningPipeline_StopsEveryThreadAndRefusesClaims(WaitStrategyKind kind)
    {
        using var pipeline = new EventPipeline<TestEvent>(64, ProducerType.Single, WaitStrategy.Create(kind));
        pipeline.HandleEventsWith(new CountingHandler()).Then(new StageHandler(Stage.B, Stage.None));
        pipeline.Start();
        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 10));

        pipeline.Halt(); // returns once the threads stopped (it joins them)

        Assert.Equal(PipelineState.Halted, pipeline.State);
        Assert.All(pipeline.Processors, p => Assert.False(p.IsRunning));
        Assert.Null(pipeline.HaltingFault);
        Assert.Throws<PipelineHaltedException>(() => pipeline.RingBuffer.Next());
        Assert.False(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(PipelineState.Halted, pipeline.State);
    }

    [Fact]
    public void Halt_Twice_SecondIsNoOp()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();

        pipeline.Halt();
        pipeline.Halt();

        Assert.Equal(PipelineState.Halted, pipeline.State);
    }

    [Fact]
    public void Dispose_RunningPipeline_HaltsIt()
    {
        var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();

        pipeline.Dispose();

        Assert.Equal(PipelineState.Halted, pipeline.State);
        Assert.False(pipeline.Processors[0].IsRunning);
        Assert.Throws<PipelineHaltedException>(() => pipeline.RingBuffer.Next());
    }

    [Fact]
    public void Dispose_AfterShutdown_StaysStopped()
    {
        var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();
        Assert.True(pipeline.Shutdown(Timeouts.Safety));

        pipeline.Dispose();

        Assert.Equal(PipelineState.Stopped, pipeline.State);
    }

    [Fact]
    public void HaltPolicy_HandlerThrows_PipelineHaltedWithFaultAndClaimsThrow()
    {
        const long FailAt = 10;
        using var pipeline = new EventPipeline<TestEvent>(1024);
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(ThrowingHandler.AtSequence(FailAt),
            new HandlerOptions { Name = "fatal", ExceptionPolicy = ExceptionPolicy.Halt });
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 100));
        Assert.True(SpinWait.SpinUntil(() => pipeline.State == PipelineState.Halted, Timeouts.Safety));

        HandlerFault fault = Assert.IsType<HandlerFault>(pipeline.HaltingFault);
        Assert.Equal("fatal", fault.HandlerName);
        Assert.Equal(FailAt, fault.Sequence);
        Assert.Equal(ExceptionPolicy.Halt, fault.Policy);
        Assert.Equal(ThrowingHandler.FailureMessage, Assert.IsType<InvalidOperationException>(fault.Exception).Message);
        Assert.Equal(fault, Assert.Single(faults));
        var ex = Assert.Throws<PipelineHaltedException>(() => pipeline.RingBuffer.Next());
        Assert.Contains("halted", ex.Message, StringComparison.Ordinal);
        Assert.False(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(PipelineState.Halted, pipeline.State);
        Assert.Equal(1, pipeline.Processors[0].FailureCount);
        Assert.Equal(FailAt, pipeline.HandlerAt<ThrowingHandler>(0).Handled); // 0..9, then it stopped
        Assert.False(pipeline.Processors[0].IsRunning);
    }

    [Fact]
    public void HaltPolicy_FromPipelineDefault_HaltsPipeline()
    {
        using var pipeline = new EventPipeline<TestEvent>(64) { DefaultExceptionPolicy = ExceptionPolicy.Halt };
        pipeline.RecordFaults();
        pipeline.HandleEventsWith(ThrowingHandler.AtSequence(0));
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 1));

        Assert.True(SpinWait.SpinUntil(() => pipeline.State == PipelineState.Halted, Timeouts.Safety));
        Assert.Equal(0, pipeline.HaltingFault?.Sequence);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void HaltPolicy_ProducerWaitingOnFullRing_GetsPipelineHaltedInsteadOfWaitingForever(ProducerType producerType)
    {
        const int Size = 8;
        using var failGate = new ManualResetEventSlim(false);
        using var ringFull = new ManualResetEventSlim(false);
        using var pipeline = new EventPipeline<TestEvent>(Size, producerType);
        pipeline.RecordFaults();
        // Holds sequence 0 until the gate opens, then throws: the ring stays full until the pipeline halts.
        pipeline.HandleEventsWith(ThrowingHandler.AtSequence(0, failGate),
            new HandlerOptions { ExceptionPolicy = ExceptionPolicy.Halt });
        pipeline.Start();
        RingBuffer<TestEvent> ring = pipeline.RingBuffer;
        long claimsAfterFull = 0;

        TestThread producer = TestThread.Start("producer", () =>
        {
            Publish.Sequential(ring, Size);
            ringFull.Set();
            // Keeps claiming: at most one more slot frees up (the failed event is marked done) before the halt.
            for (int i = 0; i < 4 * Size; i++)
            {
                long sequence = ring.Next();
                claimsAfterFull++;
                ring.Publish(sequence);
            }
        });
        try
        {
            Assert.True(ringFull.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));
            Assert.False(producer.Join(Timeouts.Absence), "the producer claimed a slot of a full ring");
        }
        finally
        {
            failGate.Set();
        }

        Assert.True(producer.Join(Timeouts.Safety), "the producer kept waiting after the pipeline halted");
        Assert.IsType<PipelineHaltedException>(producer.Error);
        Assert.InRange(claimsAfterFull, 0, 1);
        Assert.Equal(PipelineState.Halted, pipeline.State);
        Assert.Equal(0, pipeline.HaltingFault?.Sequence);
        Assert.False(pipeline.Shutdown(Timeouts.Safety));
    }

    [Fact]
    public void HaltPolicy_UpstreamFails_LaterStageNeverSeesTheFailedEvent()
    {
        const long FailAt = 5;
        using var reached = new ManualResetEventSlim(false);
        using var pipeline = new EventPipeline<TestEvent>(64) { Topology = StageTopology.Threaded }; // the later stage on a thread of its own
        // Runs on the failing thread after the processor released the failed event and before Halt(): give the
        // later stage every chance to (wrongly) process it. With a correct engine the wait just times out.
        pipeline.FaultReporter = _ => reached.Wait(TimeSpan.FromSeconds(1));
        pipeline.HandleEventsWith(ThrowingHandler.AtSequence(FailAt), new HandlerOptions { ExceptionPolicy = ExceptionPolicy.Halt })
            .Then(new WatchHandler(FailAt, reached));
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 20));
        Assert.True(SpinWait.SpinUntil(() => pipeline.State == PipelineState.Halted, Timeouts.Safety));
        Assert.True(SpinWait.SpinUntil(() => pipeline.Processors.All(p => !p.IsRunning), Timeouts.Safety));

        WatchHandler later = pipeline.HandlerAt<WatchHandler>(1);
        Assert.Equal(FailAt - 1, later.HighestSeen);
        Assert.Equal(FailAt, later.Count);
    }

    [Fact]
    public void Lag_HandlerBlocked_EqualsPublishedThenZeroAfterDrain()
    {
        const int Published = 5;
        using var gate = new ManualResetEventSlim(false);
        using var entered = new ManualResetEventSlim(false);
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new BlockingHandler(gate, entered));
        pipeline.Start();
        Assert.Equal(0, pipeline.Lag);
        try
        {
            Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Published));
            Assert.True(entered.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));

            Assert.Equal(Published, pipeline.Lag);
        }
        finally
        {
            gate.Set();
        }

        Assert.True(SpinWait.SpinUntil(() => pipeline.Processors[0].ProcessedCount == Published, Timeouts.Safety));
        Assert.Equal(0, pipeline.Lag);
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(0, pipeline.Lag);
    }

    [Fact]
    public void Lag_SlowLastStage_MeasuredAgainstIt()
    {
        using var gate = new ManualResetEventSlim(false);
        using var entered = new ManualResetEventSlim(false);
        // Threaded: the first stage must keep going while the last one is blocked, which needs threads of their own.
        using var pipeline = new EventPipeline<TestEvent>(16) { Topology = StageTopology.Threaded };
        pipeline.HandleEventsWith(new CountingHandler()).Then(new BlockingHandler(gate, entered));
        pipeline.Start();
        try
        {
            Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, 7));
            Assert.True(SpinWait.SpinUntil(() => pipeline.Processors[0].ProcessedCount == 7, Timeouts.Safety));
            Assert.True(entered.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));

            Assert.Equal(7, pipeline.Lag); // the first stage is done; the blocked last stage has finished nothing
        }
        finally
        {
            gate.Set();
        }

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(0, pipeline.Lag);
    }

    [Fact]
    public void Publish_BeforeStartMoreThanRingHolds_WaitsForStartAndOverwritesNothing()
    {
        const int Size = 8, Events = 2 * Size;
        using var pipeline = new EventPipeline<TestEvent>(Size);
        pipeline.HandleEventsWith(new CountingHandler());

        TestThread producer = TestThread.Start("producer", () => Publish.Sequential(pipeline.RingBuffer, Events));
        try
        {
            // Only Size events fit before any handler runs: the producer must still be waiting.
            Assert.False(producer.Join(Timeouts.Absence), $"{Events} events were claimed in a ring of {Size} before Start");
        }
        finally
        {
            pipeline.Start();
        }

        producer.JoinAndRethrow();
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        CountingHandler handler = pipeline.GetProcessor<CountingHandler>().Handler;
        Assert.Equal(Events, handler.Count);
        Assert.Equal(0, handler.Overwritten);
        Assert.Equal(Publish.SumOfValues(Events), handler.Sum);
    }

    [Fact]
    public void Shutdown_NeverStartedWithPublishedEvents_ReturnsFalse()
    {
        using var pipeline = new EventPipeline<TestEvent>(8);
        pipeline.HandleEventsWith(new CountingHandler());
        Publish.Sequential(pipeline.RingBuffer, 3);

        Assert.False(pipeline.Shutdown(TimeSpan.FromMilliseconds(100)));
    }
}
