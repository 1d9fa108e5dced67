using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

/// <summary>
/// How handlers gate producers: a handler added after events were published starts at the ring's highest claimed
/// sequence, its predecessors' position if it follows other handlers, and gates producers from then on; several
/// consumer groups on one ring add up.
/// </summary>
public sealed class EventPipelineGatingTests
{
    private const int Size = 8;

    public static TheoryData<ProducerType> ProducerTypes => [ProducerType.Single, ProducerType.Multi];

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void HandleEventsWith_AfterEventsWerePublished_HandlerStartsAtCursorAndSeesOnlyLaterEvents(ProducerType producerType)
    {
        using var pipeline = new EventPipeline<TestEvent>(Size, producerType);
        Publish.Sequential(pipeline.RingBuffer, Size + 2); // 0..9, nobody listening: the ring laps freely

        pipeline.HandleEventsWith(new SequenceLogHandler());
        pipeline.Start();
        Publish.WithTryNext(pipeline.RingBuffer, 3);       // 10..12

        Assert.True(pipeline.Drain(TimeSpan.FromSeconds(10)), "the handler never reached the last event");
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        SequenceLogHandler handler = pipeline.HandlerAt<SequenceLogHandler>(0);
        Assert.Equal(10, handler.First);
        Assert.Equal(12, handler.Last);
        Assert.Equal(3, handler.Count);
        Assert.Equal(0, handler.Discontinuities);
        Assert.Equal(0, handler.Overwritten);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void HandleEventsWith_WhileAProducerPublishes_HandlerSeesAContiguousRunOfFreshSlots(ProducerType producerType)
    {
        const int Rounds = 20;
        for (int round = 0; round < Rounds; round++)
        {
            using var pipeline = new EventPipeline<TestEvent>(Size, producerType);
            RingBuffer<TestEvent> ring = pipeline.RingBuffer;
            using var stop = new ManualResetEventSlim(false);
            using var running = new ManualResetEventSlim(false);
            long published = 0;
            TestThread producer = TestThread.Start("producer", () =>
            {
                for (long n = 0; !stop.IsSet; n++)
                {
                    long sequence = ring.Next();
                    Publish.Fill(ref ring[sequence], sequence, 0, n);
                    ring.Publish(sequence);
                    Volatile.Write(ref published, n + 1);
                    running.Set();
                }
            });
            Assert.True(running.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));

            pipeline.HandleEventsWith(new SequenceLogHandler()); // races with the producer's claims
            pipeline.Start();
            long target = Volatile.Read(ref published) + 1000;
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref published) >= target, Timeouts.Safety), "the producer stalled");
            stop.Set();
            producer.JoinAndRethrow();

            Assert.True(pipeline.Shutdown(Timeouts.Safety), $"round {round}: the handler never caught up");
            SequenceLogHandler handler = pipeline.HandlerAt<SequenceLogHandler>(0);
            Assert.Equal(0, handler.Overwritten);
            Assert.Equal(0, handler.Discontinuities);
            Assert.Equal(ring.Sequencer.HighestClaimed, handler.Last);
            Assert.Equal(handler.Last - handler.First + 1, handler.Count);
        }
    }

    [Fact]
    public void Then_EventsPublishedBetweenStages_LaterStageSeesEveryEventItsPredecessorSees()
    {
        using var pipeline = new EventPipeline<TestEvent>(Size);
        HandlerGroup<TestEvent> first = pipeline.HandleEventsWith(new SequenceLogHandler());
        Publish.Sequential(pipeline.RingBuffer, 3); // 0..2: gated by the first stage, waiting for Start

        first.Then(new CountingHandler());
        pipeline.Start();
        Publish.Sequential(pipeline.RingBuffer, 2); // 3..4

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        Assert.Equal(5, pipeline.HandlerAt<SequenceLogHandler>(0).Count);
        CountingHandler second = pipeline.HandlerAt<CountingHandler>(1);
        Assert.Equal(5, second.Count);
        Assert.Equal(0, second.OutOfOrder);
        Assert.Equal(0, second.Overwritten);
    }

    [Fact]
    public void SecondPipelineOnTheSameRing_FirstOneNotRunning_ProducerCannotLapIt()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(Size);
        using var first = new EventPipeline<TestEvent>(ring);
        first.HandleEventsWith(new CountingHandler()); // never started: must keep every slot it has not read
        using var second = new EventPipeline<TestEvent>(ring);
        second.HandleEventsWith(new CountingHandler());
        second.Start();

        Publish.Sequential(ring, Size);
        Assert.True(second.Drain(Timeouts.Safety));

        Assert.Equal(0, ring.RemainingCapacity);
        Assert.False(ring.TryNext(out _), "the producer may overwrite slot 0, which the first pipeline has not read");
        Assert.Equal(Size, second.HandlerAt<CountingHandler>(0).Count);
    }
}
