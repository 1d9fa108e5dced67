using LowLatency.Engine.Tests.Support;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

/// <summary>Behaviour shared by both sequencers (the abstract <see cref="Sequencer"/>), run for each producer type.</summary>
public sealed class SequencerTests
{
    public static TheoryData<ProducerType> ProducerTypes => [ProducerType.Single, ProducerType.Multi];

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Ctor_Valid_ExposesSizeStrategyAndCursor(ProducerType producerType)
    {
        var strategy = new YieldingWaitStrategy();
        Sequencer sequencer = RingBuffer<TestEvent>.Create(producerType, 16, strategy).Sequencer;

        Assert.Equal(16, sequencer.BufferSize);
        Assert.Same(strategy, sequencer.WaitStrategy);
        Assert.Equal(Sequence.InitialValue, sequencer.Cursor.Value);
        Assert.Equal(Sequence.InitialValue, sequencer.HighestClaimed);
        Assert.False(sequencer.IsClosed);
        Assert.False(sequencer.IsHalted);
    }

    [Fact]
    public void Ctor_NullWaitStrategy_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new SingleProducerSequencer(8, null!));
        Assert.Throws<ArgumentNullException>(() => new MultiProducerSequencer(8, null!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData((1 << 30) + 1)]
    [InlineData(int.MaxValue)]
    public void Ctor_SizeNotPowerOfTwo_Throws(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingleProducerSequencer(size, new BusySpinWaitStrategy()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiProducerSequencer(size, new BusySpinWaitStrategy()));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Next_AfterClose_ThrowsInvalidOperationWithClearMessage(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);

        ring.Sequencer.Close();

        Assert.True(ring.Sequencer.IsClosed);
        Assert.False(ring.Sequencer.IsHalted);
        var ex = Assert.Throws<InvalidOperationException>(() => ring.Next());
        Assert.Contains("shut down", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ring.Next(2));
        Assert.Throws<InvalidOperationException>(() => ring.TryNext(out _));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Close_SlotClaimedBefore_CanStillBePublished(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        long sequence = ring.Next();

        ring.Sequencer.Close();
        ring.Publish(sequence);

        Assert.True(ring.IsPublished(sequence));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Next_AfterHalt_ThrowsPipelineHalted(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);

        ring.Sequencer.Halt();

        Assert.True(ring.Sequencer.IsClosed);
        Assert.True(ring.Sequencer.IsHalted);
        var ex = Assert.Throws<PipelineHaltedException>(() => ring.Next());
        Assert.Contains("halted", ex.Message, StringComparison.Ordinal);
        Assert.Throws<PipelineHaltedException>(() => ring.TryNext(out _));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Halt_AfterClose_Halts(ProducerType producerType)
    {
        Sequencer sequencer = RingBuffer<TestEvent>.Create(producerType, 8).Sequencer;

        sequencer.Close();
        sequencer.Halt();

        Assert.True(sequencer.IsHalted);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Close_AfterHalt_StaysHalted(ProducerType producerType)
    {
        Sequencer sequencer = RingBuffer<TestEvent>.Create(producerType, 8).Sequencer;

        sequencer.Halt();
        sequencer.Close();

        Assert.True(sequencer.IsHalted);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void RemainingCapacity_ClaimsAndConsumerProgress_Tracked(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        var consumer = new Sequence();
        ring.Sequencer.AddGatingSequences(consumer);

        long high = ring.Next(5);
        ring.Publish(high - 4, high);
        Assert.Equal(4, ring.Sequencer.HighestClaimed);
        Assert.Equal(3, ring.RemainingCapacity);

        consumer.SetRelease(3);
        Assert.Equal(7, ring.RemainingCapacity);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Next_RingFull_WaitsUntilGatingSequenceAdvances(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        var consumer = new Sequence();
        ring.Sequencer.AddGatingSequences(consumer);
        ring.Publish(0, ring.Next(8));
        using var claimed = new ManualResetEventSlim(false);
        long ninth = -1;

        var producer = TestThread.Start("producer", () =>
        {
            ninth = ring.Next();
            claimed.Set();
        });

        Assert.False(claimed.Wait(Timeouts.Absence, TestContext.Current.CancellationToken), "claimed a slot of a full ring");
        consumer.SetRelease(0);
        producer.JoinAndRethrow();
        Assert.Equal(8, ninth);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Halt_ProducerWaitingOnFullRing_ThrowsPipelineHaltedToIt(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        ring.Sequencer.AddGatingSequences(new Sequence()); // a consumer that never moves
        ring.Publish(0, ring.Next(8));
        using var waiting = new ManualResetEventSlim(false);

        var producer = TestThread.Start("producer", () =>
        {
            waiting.Set();
            ring.Next();
        });
        Assert.True(waiting.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));
        Assert.False(producer.Join(Timeouts.Absence), "claimed a slot of a full ring");

        ring.Sequencer.Halt();

        Assert.True(producer.Join(Timeouts.Safety), "the waiting producer was not released by Halt");
        Assert.IsType<PipelineHaltedException>(producer.Error);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void AddGatingSequences_SecondConsumer_AddedBesideTheFirstAndBothGate(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        var first = new Sequence();
        var second = new Sequence();
        ring.Sequencer.AddGatingSequences(first);
        ring.Sequencer.AddGatingSequences(second);
        ring.Publish(0, ring.Next(8));

        second.SetRelease(7); // the second consumer read everything, the first nothing

        Assert.Equal(0, ring.RemainingCapacity);
        Assert.False(ring.TryNext(out _));
        first.SetRelease(2);
        Assert.Equal(3, ring.RemainingCapacity);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void AddGatingSequences_AfterClaims_StartsTheConsumerAtTheHighestClaimed(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        ring.Publish(0, ring.Next(8));
        long high = ring.Next(3);
        ring.Publish(high - 2, high); // 8..10: nobody gates, the ring laps freely
        ring.Next();                  // 11: claimed, not yet published
        var consumer = new Sequence();

        ring.Sequencer.AddGatingSequences(consumer);

        Assert.Equal(11, consumer.Value);
        Assert.Equal(8, ring.RemainingCapacity);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void RemoveGatingSequence_OneOfTwo_OnlyTheOtherStillGates(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);
        var stuck = new Sequence();
        var reader = new Sequence();
        ring.Sequencer.AddGatingSequences(stuck, reader);
        ring.Publish(0, ring.Next(8));
        reader.SetRelease(7);

        Assert.True(ring.Sequencer.RemoveGatingSequence(stuck));

        Assert.Equal(8, ring.RemainingCapacity);
        Assert.True(ring.TryNext(out long ninth));
        Assert.Equal(8, ninth);
        Assert.False(ring.Sequencer.RemoveGatingSequence(stuck)); // already gone
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void Next_NoGatingSequences_NeverWaits(ProducerType producerType)
    {
        var ring = RingBuffer<TestEvent>.Create(producerType, 8);

        for (int i = 0; i < 100; i++)
        {
            ring.Publish(ring.Next());
        }

        Assert.Equal(99, ring.Sequencer.HighestClaimed);
    }
}
