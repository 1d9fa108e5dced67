using System.Runtime.CompilerServices;
using LowLatency.Engine.Tests.Support;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

public sealed class RingBufferTests
{
    public static TheoryData<ProducerType> ProducerTypes => [ProducerType.Single, ProducerType.Multi];

    [Theory]
    [InlineData(ProducerType.Single, 0)]
    [InlineData(ProducerType.Single, 1)]
    [InlineData(ProducerType.Single, 3)]
    [InlineData(ProducerType.Single, 1000)]
    [InlineData(ProducerType.Single, -8)]
    [InlineData(ProducerType.Single, int.MinValue)]
    [InlineData(ProducerType.Multi, 0)]
    [InlineData(ProducerType.Multi, 3)]
    [InlineData(ProducerType.Multi, 1000)]
    public void Create_SizeNotPowerOfTwo_ThrowsWithClearMessage(ProducerType producerType, int size)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<TestEvent>.Create(producerType, size));

        Assert.Equal("bufferSize", ex.ParamName);
        Assert.Equal(size, ex.ActualValue);
        Assert.Contains("power of two", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSingleProducer_SizeNotPowerOfTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<TestEvent>.CreateSingleProducer(1000));
    }

    [Fact]
    public void CreateMultiProducer_SizeNotPowerOfTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<TestEvent>.CreateMultiProducer(1000));
    }

    [Theory]
    [InlineData(ProducerType.Single, 2)]
    [InlineData(ProducerType.Single, 8)]
    [InlineData(ProducerType.Single, 1024)]
    [InlineData(ProducerType.Multi, 2)]
    [InlineData(ProducerType.Multi, 65_536)]
    public void Create_PowerOfTwo_ReportsCapacityAndEmptyState(ProducerType producerType, int size)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, size);

        Assert.Equal(size, ring.BufferSize);
        Assert.Equal(size, ring.RemainingCapacity);
        Assert.Equal(Sequence.InitialValue, ring.Cursor);
        Assert.Equal(producerType, ring.ProducerType);
    }

    [Fact]
    public void Create_NoWaitStrategy_UsesHybrid()
    {
        Assert.IsType<HybridWaitStrategy>(RingBuffer<TestEvent>.CreateSingleProducer(8).Sequencer.WaitStrategy);
        Assert.IsType<HybridWaitStrategy>(RingBuffer<TestEvent>.CreateMultiProducer(8).Sequencer.WaitStrategy);
    }

    [Fact]
    public void Create_GivenWaitStrategy_UsesIt()
    {
        var strategy = new BlockingWaitStrategy();

        Assert.Same(strategy, RingBuffer<TestEvent>.CreateMultiProducer(8, strategy).Sequencer.WaitStrategy);
    }

    [Fact]
    public void Indexer_WriteThroughRef_ChangesSlotInPlace()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8);

        ref TestEvent slot = ref ring[3];
        slot.Value = 42;
        slot.MarkB = 7;

        Assert.Equal(42, ring[3].Value);
        Assert.Equal(7, ring[3].MarkB);
        Assert.Equal(0, ring[2].Value);
        Assert.Equal(0, ring[4].Value);
    }

    [Fact]
    public void Indexer_SequencesOneLapApart_SameSlot()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8);

        Assert.True(Unsafe.AreSame(ref ring[3], ref ring[3 + 8]));
        Assert.True(Unsafe.AreSame(ref ring[0], ref ring[8 * 1_000_000L]));
        Assert.False(Unsafe.AreSame(ref ring[3], ref ring[4]));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Next_SingleThread_ReturnsConsecutiveSequences(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);

        Assert.Equal(0, ring.Next());
        Assert.Equal(1, ring.Next());
        Assert.Equal(4, ring.Next(3));
        Assert.Equal(5, ring.Next());
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Publish_OneSlot_MarksItPublished(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        long sequence = ring.Next();
        Assert.False(ring.IsPublished(sequence));

        ring.Publish(sequence);

        Assert.True(ring.IsPublished(sequence));
        Assert.Equal(0, ring.Cursor);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void PublishRange_ClaimedBatch_MarksAllPublished(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        long high = ring.Next(4);

        ring.Publish(high - 3, high);

        for (long s = 0; s <= high; s++)
        {
            Assert.True(ring.IsPublished(s));
        }

        Assert.False(ring.IsPublished(high + 1));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void ClaimNext_Dispose_PublishesTheSlot(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        long claimed;

        using (RingBuffer<TestEvent>.Claim claim = ring.ClaimNext())
        {
            claimed = claim.Sequence;
            claim.Event.Value = 99;
            Assert.False(ring.IsPublished(claimed));
        }

        Assert.Equal(0, claimed);
        Assert.True(ring.IsPublished(claimed));
        Assert.Equal(99, ring[claimed].Value);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void ClaimBatch_Dispose_PublishesEverySlot(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        ring.Publish(ring.Next()); // sequence 0, so the batch does not start at zero

        using (RingBuffer<TestEvent>.BatchClaim batch = ring.ClaimBatch(4))
        {
            Assert.Equal(4, batch.Count);
            Assert.Equal(1, batch.LowSequence);
            Assert.Equal(4, batch.HighSequence);
            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].Value = 10 + i;
                Assert.False(ring.IsPublished(batch.LowSequence + i));
            }
        }

        for (long s = 1; s <= 4; s++)
        {
            Assert.True(ring.IsPublished(s));
            Assert.Equal(10 + s - 1, ring[s].Value);
        }

        Assert.False(ring.IsPublished(5));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void BatchClaimIndexer_OutsideBatch_Throws(int index)
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8);
        using RingBuffer<TestEvent>.BatchClaim batch = ring.ClaimBatch(4);

        bool threw = false;
        try
        {
            _ = batch[index].Value;
        }
        catch (ArgumentOutOfRangeException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    [Theory]
    [InlineData(ProducerType.Single, 0)]
    [InlineData(ProducerType.Single, -1)]
    [InlineData(ProducerType.Single, 9)]
    [InlineData(ProducerType.Multi, 0)]
    [InlineData(ProducerType.Multi, -1)]
    [InlineData(ProducerType.Multi, 9)]
    public void Claims_SizeOutOfRange_ThrowWithClearMessageAndClaimNothing(ProducerType producerType, int n)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);

        var next = Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(n));
        var tryNext = Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryNext(n, out _));
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            using RingBuffer<TestEvent>.BatchClaim claim = ring.ClaimBatch(n);
        });

        foreach (ArgumentOutOfRangeException ex in new[] { next, tryNext, batch })
        {
            Assert.Equal("n", ex.ParamName);
            Assert.Equal(n, ex.ActualValue);
            Assert.Contains("between 1 and the ring size (8)", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, ring.Next()); // the failed claims took nothing
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Claims_WholeRing_Allowed(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);

        Assert.Equal(7, ring.Next(8));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void TryNext_RingFull_ReturnsFalseUntilConsumerAdvances(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        var consumer = new Sequence();
        ring.Sequencer.AddGatingSequences(consumer);

        for (long expected = 0; expected < 8; expected++)
        {
            Assert.True(ring.TryNext(out long sequence));
            Assert.Equal(expected, sequence);
            ring.Publish(sequence);
        }

        Assert.Equal(0, ring.RemainingCapacity);
        Assert.False(ring.TryNext(out long refused));
        Assert.Equal(Sequence.InitialValue, refused);
        Assert.False(ring.TryNext(out _)); // still full: a refusal claims nothing

        consumer.SetRelease(1); // the consumer finished sequences 0 and 1

        Assert.Equal(2, ring.RemainingCapacity);
        Assert.True(ring.TryNext(out long eighth));
        Assert.Equal(8, eighth);
        Assert.False(ring.TryNext(2, out _)); // one slot left, two asked
        Assert.True(ring.TryNext(out long ninth));
        Assert.Equal(9, ninth);
        Assert.False(ring.TryNext(out _));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void TryNext_Batch_ReturnsHighestOfTheRun(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        ring.Sequencer.AddGatingSequences(new Sequence());

        Assert.True(ring.TryNext(5, out long high));
        Assert.Equal(4, high);
        Assert.False(ring.TryNext(4, out _));
        Assert.True(ring.TryNext(3, out high));
        Assert.Equal(7, high);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void NextAndPublish_SteadyState_AllocatesNothing(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 1024);
        var consumer = new Sequence();
        ring.Sequencer.AddGatingSequences(consumer);

        long allocated = AllocationProbe.Measure(() => PublishAndConsume(ring, consumer, 100_000));

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Claims_SteadyState_AllocateNothing(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 1024);

        long allocated = AllocationProbe.Measure(() => ClaimAndPublish(ring, 100_000));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Publish_ManyLapsOfSmallRing_EveryValueSeenOnceInOrder()
    {
        const int Events = 10_000;
        using var pipeline = new EventPipeline<TestEvent>(8, ProducerType.Single, new YieldingWaitStrategy());
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();

        Producers.Run(pipeline, 1, _ => Publish.Sequential(pipeline.RingBuffer, Events));

        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        CountingHandler handler = pipeline.GetProcessor<CountingHandler>().Handler;
        Assert.Equal(Events, handler.Count);
        Assert.Equal(Publish.SumOfValues(Events), handler.Sum);
        Assert.Equal(0, handler.OutOfOrder);
        Assert.Equal(0, handler.Overwritten);
        Assert.Empty(faults);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Next_RingFull_WaitsForConsumerThenResumesWithoutOverwriting(ProducerType producerType)
    {
        const int Size = 8, Events = 3 * Size;
        using var gate = new ManualResetEventSlim(false);
        using var entered = new ManualResetEventSlim(false);
        using var ringFull = new ManualResetEventSlim(false);
        using var lastClaimDone = new ManualResetEventSlim(false);
        using var pipeline = new EventPipeline<TestEvent>(Size, producerType);
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(new BlockingHandler(gate, entered));
        pipeline.Start();
        RingBuffer<TestEvent> ring = pipeline.RingBuffer;

        TestThread? producer = null;
        try
        {
            producer = TestThread.Start("producer", () =>
            {
                Publish.Sequential(ring, Size);          // fills the ring: the handler is stuck on sequence 0
                ringFull.Set();
                long sequence = ring.Next();             // must wait here until the handler moves on
                lastClaimDone.Set();
                Publish.Fill(ref ring[sequence], sequence, 0, Size);
                ring.Publish(sequence);
                Publish.Sequential(ring, Events - Size - 1);
            });
            Assert.True(ringFull.Wait(Timeouts.Safety, TestContext.Current.CancellationToken), "the producer could not fill the ring");
            Assert.True(entered.Wait(Timeouts.Safety, TestContext.Current.CancellationToken), "the handler never got the first event");
            Assert.False(lastClaimDone.Wait(Timeouts.Absence, TestContext.Current.CancellationToken), "Next() returned although the ring was full");
            // A multi-producer claim is taken (atomic add) before it waits, so the waiting claim already counts.
            Assert.Equal(producerType == ProducerType.Single ? 0 : -1, ring.RemainingCapacity);
        }
        finally
        {
            gate.Set();
        }

        Assert.True(lastClaimDone.Wait(Timeouts.Safety, TestContext.Current.CancellationToken), "Next() did not resume after the consumer advanced");
        producer!.JoinAndRethrow();
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
        BlockingHandler handler = pipeline.GetProcessor<BlockingHandler>().Handler;
        Assert.Equal(Events, handler.Count);
        Assert.Equal(0, handler.Overwritten);
        Assert.Equal(0, handler.GateTimeouts);
        Assert.Empty(faults);
    }

    private static void PublishAndConsume(RingBuffer<TestEvent> ring, Sequence consumer, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
            consumer.SetRelease(sequence);
        }
    }

    private static void ClaimAndPublish(RingBuffer<TestEvent> ring, int count)
    {
        for (int i = 0; i < count; i += 4)
        {
            using (RingBuffer<TestEvent>.Claim claim = ring.ClaimNext())
            {
                claim.Event.Value = i;
            }

            using RingBuffer<TestEvent>.BatchClaim batch = ring.ClaimBatch(3);
            batch[0].Value = i + 1;
            batch[1].Value = i + 2;
            batch[2].Value = i + 3;
        }
    }
}
