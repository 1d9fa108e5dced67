using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

public sealed class BatchingPublisherTests
{
    [Fact]
    public void Commit_BelowMaxBatch_PublishesNothingUntilFlush()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(64);
        var publisher = new BatchingPublisher<TestEvent>(ring, maxBatch: 8);

        for (int i = 0; i < 7; i++)
        {
            publisher.Claim().Value = i;
            publisher.Commit();
        }

        Assert.Equal(Sequence.InitialValue, ring.Cursor);
        publisher.Flush();
        Assert.Equal(6, ring.Cursor);
    }

    [Fact]
    public void Commit_AtMaxBatch_PublishesTheRun()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(64);
        var publisher = new BatchingPublisher<TestEvent>(ring, maxBatch: 4);

        for (int i = 0; i < 10; i++)
        {
            publisher.Claim();
            publisher.Commit();
        }

        Assert.Equal(7, ring.Cursor); // two full runs of 4; the last 2 wait for a flush
        publisher.Flush();
        Assert.Equal(9, ring.Cursor);
    }

    [Fact]
    public void MaxBatch_CappedAtHalfTheRingAndOneForMultiProducer()
    {
        Assert.Equal(8, new BatchingPublisher<TestEvent>(RingBuffer<TestEvent>.CreateSingleProducer(16), 32).MaxBatch);
        Assert.Equal(1, new BatchingPublisher<TestEvent>(RingBuffer<TestEvent>.CreateMultiProducer(1024), 32).MaxBatch);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchingPublisher<TestEvent>(RingBuffer<TestEvent>.CreateSingleProducer(16), 0));
    }

    [Fact]
    public void Pipeline_ManyLapsThroughASmallRing_EveryEventOnceInOrder()
    {
        const int events = 100_000;
        using var pipeline = new EventPipeline<TestEvent>(16, ProducerType.Single, WaitStrategy.Create(WaitStrategyKind.Hybrid));
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();
        var publisher = new BatchingPublisher<TestEvent>(pipeline.RingBuffer, maxBatch: 32);
        long sequence = 0;
        for (int i = 0; i < events; i++)
        {
            ref TestEvent slot = ref publisher.Claim();
            slot.Value = i;
            slot.Sequence = sequence++;
            publisher.Commit();
        }

        publisher.Flush();
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        CountingHandler handler = pipeline.GetProcessor<CountingHandler>().Handler;
        Assert.Equal(events, handler.Count);
        Assert.Equal((long)events * (events - 1) / 2, handler.Sum);
        Assert.Equal(0, handler.OutOfOrder);
        Assert.Equal(0, handler.Overwritten);
    }
}
