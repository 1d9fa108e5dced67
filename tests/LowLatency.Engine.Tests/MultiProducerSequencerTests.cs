using LowLatency.Engine.Tests.Support;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

[Collection(BusyThreadsCollection.Name)]
public sealed class MultiProducerSequencerTests
{
    [Fact]
    public void Next_Claims_AdvanceCursorBeforePublish()
    {
        var sequencer = new MultiProducerSequencer(8, new BusySpinWaitStrategy());

        Assert.Equal(2, sequencer.Next(3));

        // The multi-producer cursor is the claim counter; publication is tracked per slot.
        Assert.Equal(2, sequencer.Cursor.Value);
        Assert.Equal(2, sequencer.HighestClaimed);
        Assert.False(sequencer.IsPublished(0));
    }

    [Fact]
    public void Publish_OutOfOrder_OnlyPublishedSlotsVisible()
    {
        var sequencer = new MultiProducerSequencer(8, new BusySpinWaitStrategy());
        sequencer.Next(4);

        sequencer.Publish(0);
        sequencer.Publish(2);

        Assert.True(sequencer.IsPublished(0));
        Assert.False(sequencer.IsPublished(1));
        Assert.True(sequencer.IsPublished(2));
        Assert.False(sequencer.IsPublished(3));
    }

    [Fact]
    public void GetHighestPublishedSequence_Gap_StopsBeforeIt()
    {
        var sequencer = new MultiProducerSequencer(8, new BusySpinWaitStrategy());
        sequencer.Next(4);
        sequencer.Publish(0);
        sequencer.Publish(2);
        sequencer.Publish(3);

        Assert.Equal(0, sequencer.GetHighestPublishedSequence(0, 3));
        Assert.Equal(0, sequencer.GetHighestPublishedSequence(1, 3)); // nothing from 1 on: lowerBound - 1

        sequencer.Publish(1);

        Assert.Equal(3, sequencer.GetHighestPublishedSequence(0, 3));
    }

    [Fact]
    public void IsPublished_SlotReusedOnNextLap_TracksTheLap()
    {
        var sequencer = new MultiProducerSequencer(4, new BusySpinWaitStrategy());
        sequencer.Publish(sequencer.Next(4) - 3, 3); // lap 0: 0..3
        sequencer.Next(1);

        sequencer.Publish(4); // lap 1 of slot 0

        Assert.True(sequencer.IsPublished(4));
        Assert.False(sequencer.IsPublished(0)); // the slot now holds sequence 4, not 0
        Assert.False(sequencer.IsPublished(8));
        Assert.True(sequencer.IsPublished(1));
    }

    [Fact]
    [Trait("Category", "Stress")]
    public void Next_FourProducersMillionEachOneConsumer_EachProducersEventsInOrderNoGapNoDuplicate()
    {
        const int ProducerCount = 4;
        const long PerProducer = 1_000_000;
        using var pipeline = new EventPipeline<TestEvent>(65_536, ProducerType.Multi, new YieldingWaitStrategy());
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new ProducerOrderHandler(ProducerCount));
        pipeline.Start();

        Producers.Run(pipeline, ProducerCount, id => Publish.Sequential(pipeline.RingBuffer, PerProducer, id));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        ProducerOrderHandler handler = pipeline.GetProcessor<ProducerOrderHandler>().Handler;
        Assert.Equal(ProducerCount * PerProducer, handler.Count);
        Assert.Equal(ProducerCount * PerProducer, pipeline.Processors[0].ProcessedCount);
        Assert.Equal(0, handler.Violations);
        Assert.Equal(0, handler.Overwritten);
        Assert.All(handler.NextExpected, next => Assert.Equal(PerProducer, next));
        Assert.Empty(faults);
    }

    [Fact]
    [Trait("Category", "Stress")]
    public void TryNext_SeveralProducers_EveryClaimUniqueAndEveryEventDelivered()
    {
        const int ProducerCount = 3;
        const long PerProducer = 100_000;
        using var pipeline = new EventPipeline<TestEvent>(1024, ProducerType.Multi, new YieldingWaitStrategy());
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new ProducerOrderHandler(ProducerCount));
        pipeline.Start();

        Producers.Run(pipeline, ProducerCount, id => Publish.WithTryNext(pipeline.RingBuffer, PerProducer, id));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        ProducerOrderHandler handler = pipeline.GetProcessor<ProducerOrderHandler>().Handler;
        Assert.Equal(ProducerCount * PerProducer, handler.Count);
        Assert.Equal(ProducerCount * PerProducer - 1, pipeline.RingBuffer.Cursor);
        Assert.Equal(0, handler.Violations);
        Assert.Equal(0, handler.Overwritten);
        Assert.All(handler.NextExpected, next => Assert.Equal(PerProducer, next));
        Assert.Empty(faults);
    }

    [Fact]
    public void TryNext_SeveralThreadsFillingRing_ExactlyBufferSizeClaimsSucceed()
    {
        const int Threads = 4, Size = 1024;
        var sequencer = new MultiProducerSequencer(Size, new BusySpinWaitStrategy());
        sequencer.AddGatingSequences(new Sequence()); // never advances: exactly Size claims can succeed
        var claimed = new List<long>[Threads];
        using var go = new ManualResetEventSlim(false);
        var threads = new TestThread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            var mine = claimed[t] = [];
            threads[t] = TestThread.Start("claimer-" + t, () =>
            {
                go.Wait(Timeouts.Safety);
                while (sequencer.TryNext(1, out long sequence))
                {
                    mine.Add(sequence);
                }
            });
        }

        go.Set();
        foreach (TestThread thread in threads)
        {
            thread.JoinAndRethrow();
        }

        long[] all = [.. claimed.SelectMany(c => c).Order()];
        Assert.Equal(Enumerable.Range(0, Size).Select(i => (long)i), all);
        Assert.Equal(Size - 1, sequencer.HighestClaimed);
    }
}
