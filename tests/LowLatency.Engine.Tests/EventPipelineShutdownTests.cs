using LowLatency.Engine.Tests.Support;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

/// <summary>Shutdown edge cases found in review: producers stuck on a full ring, infinite timeouts, broken reporters.</summary>
public sealed class EventPipelineShutdownTests
{
    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Shutdown_TimesOutWithProducerWaitingOnFullRing_ProducerGetsExceptionInsteadOfHanging(ProducerType producerType)
    {
        using var gate = new ManualResetEventSlim(false);
        using var entered = new ManualResetEventSlim(false);
        using var pipeline = new EventPipeline<TestEvent>(8, producerType, new YieldingWaitStrategy());
        pipeline.FaultReporter = _ => { };
        pipeline.HandleEventsWith(new BlockingHandler(gate, entered));
        pipeline.Start();

        // 8 fill the ring behind the blocked handler; the 9th claim waits for space.
        var producer = TestThread.Start("producer", () => Publish.Sequential(pipeline.RingBuffer, 9));
        Assert.True(entered.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));
        Assert.False(producer.Join(Timeouts.Absence), "the producer should be waiting for space");

        var shutdown = TestThread.Start("shutdown", () => Assert.False(pipeline.Shutdown(TimeSpan.FromMilliseconds(100))));
        Assert.False(shutdown.Join(TimeSpan.FromMilliseconds(300)), "shutdown waits for the blocked handler to be released");
        gate.Set(); // lets the handler's current event finish so its thread can stop; the rest is never processed
        shutdown.JoinAndRethrow();

        Assert.True(producer.Join(Timeouts.Safety), "the waiting producer must be released");
        Assert.IsType<InvalidOperationException>(producer.Error);
    }

    [Fact]
    public void Shutdown_InfiniteTimeout_DrainsEverything()
    {
        using var pipeline = new EventPipeline<TestEvent>(64, ProducerType.Single, new BlockingWaitStrategy());
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();
        Publish.Sequential(pipeline.RingBuffer, 10_000);

        Assert.True(pipeline.Shutdown(Timeout.InfiniteTimeSpan));
        Assert.Equal(10_000, pipeline.GetProcessor<CountingHandler>().Handler.Count);
    }

    [Fact]
    public void Shutdown_NegativeTimeout_Throws()
    {
        using var pipeline = new EventPipeline<TestEvent>(64);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();

        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Shutdown(TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public void FaultReporterThrows_LogAndContinue_KeepsProcessing()
    {
        using var pipeline = new EventPipeline<TestEvent>(64, ProducerType.Single, new YieldingWaitStrategy());
        int reported = 0;
        pipeline.FaultReporter = _ =>
        {
            Interlocked.Increment(ref reported);
            throw new InvalidOperationException("reporter is broken");
        };
        pipeline.HandleEventsWith(ThrowingHandler.OnEveryNth(100));
        pipeline.Start();
        Publish.Sequential(pipeline.RingBuffer, 1_000);

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(10, reported);
        Assert.Equal(990, pipeline.GetProcessor<ThrowingHandler>().Handler.Handled);
        Assert.Equal(10, pipeline.Processors[0].FailureCount);
        Assert.Equal((10L, 10L), (pipeline.FaultCount, pipeline.ReporterFailureCount));
    }

    [Fact]
    public void NoFaultReporter_FaultsCountedAndTheFirstTenKeptInOrder()
    {
        using var pipeline = new EventPipeline<TestEvent>(64, ProducerType.Single, new YieldingWaitStrategy());
        pipeline.HandleEventsWith(ThrowingHandler.OnEveryNth(50));
        pipeline.Start();
        Publish.Sequential(pipeline.RingBuffer, 1_000); // fails at 49, 99, ..., 999: twenty faults

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(20, pipeline.FaultCount);
        Assert.Equal([49L, 99, 149, 199, 249, 299, 349, 399, 449, 499], pipeline.FirstFaults.Select(f => f.Sequence));
        Assert.Equal(0, pipeline.ReporterFailureCount);
    }

    [Fact]
    public void FaultReporterThrows_HaltPolicy_StillHalts()
    {
        using var pipeline = new EventPipeline<TestEvent>(64, ProducerType.Single, new YieldingWaitStrategy());
        pipeline.FaultReporter = _ => throw new InvalidOperationException("reporter is broken");
        pipeline.HandleEventsWith(ThrowingHandler.AtSequence(5), new HandlerOptions { ExceptionPolicy = ExceptionPolicy.Halt });
        pipeline.Start();
        Publish.Sequential(pipeline.RingBuffer, 10);

        SpinWait.SpinUntil(() => pipeline.State == PipelineState.Halted, Timeouts.Safety);
        Assert.Equal(PipelineState.Halted, pipeline.State);
        Assert.Equal(5, pipeline.HaltingFault!.Value.Sequence);
    }
}
