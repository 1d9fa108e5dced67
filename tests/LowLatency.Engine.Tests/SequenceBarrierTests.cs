using LowLatency.Engine.Tests.Support;
using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

public sealed class SequenceBarrierTests
{
    [Fact]
    public void WaitFor_FirstStageSingleProducer_ReturnsCursor()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, new BusySpinWaitStrategy());
        ring.Publish(ring.Next(5));
        SequenceBarrier barrier = ring.NewBarrier();

        Assert.Equal(4, barrier.AvailableSequence);
        Assert.Equal(4, barrier.WaitFor(0));
        Assert.Equal(4, barrier.WaitFor(4));
    }

    [Fact]
    public void WaitFor_FirstStageMultiProducerGap_ReturnsHighestContiguousPublished()
    {
        var ring = RingBuffer<TestEvent>.CreateMultiProducer(8, new BusySpinWaitStrategy());
        long first = ring.Next(), second = ring.Next(), third = ring.Next();
        ring.Publish(first);
        ring.Publish(third);
        SequenceBarrier barrier = ring.NewBarrier();

        Assert.Equal(2, barrier.AvailableSequence); // claimed, not all published
        Assert.Equal(0, barrier.WaitFor(0));
        Assert.Equal(0, barrier.WaitFor(1));  // below the request: slot 1 is not published yet

        ring.Publish(second);

        Assert.Equal(2, barrier.WaitFor(1));
    }

    [Fact]
    public void WaitFor_Dependents_ReturnsSlowest()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new BusySpinWaitStrategy());
        ring.Publish(ring.Next(10));
        var fast = new Sequence(7);
        var slow = new Sequence(3);
        SequenceBarrier barrier = ring.NewBarrier(fast, slow);

        Assert.Equal(3, barrier.AvailableSequence);
        Assert.Equal(3, barrier.WaitFor(2));

        slow.SetRelease(9);

        Assert.Equal(7, barrier.WaitFor(4));
    }

    [Fact]
    public void WaitFor_OneDependent_IgnoresCursor()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new BusySpinWaitStrategy());
        ring.Publish(ring.Next(10));
        var upstream = new Sequence(5);

        SequenceBarrier barrier = ring.NewBarrier(upstream);

        Assert.Equal(5, barrier.WaitFor(0));
    }

    [Fact]
    public void Alert_WaitingBarrier_WaitForReturnsBelowRequested()
    {
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, new BusySpinWaitStrategy());
        SequenceBarrier barrier = ring.NewBarrier();
        long result = 0;
        using var waiting = new ManualResetEventSlim(false);

        var waiter = TestThread.Start("waiter", () =>
        {
            waiting.Set();
            result = barrier.WaitFor(0);
        });
        Assert.True(waiting.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));
        Assert.False(barrier.IsAlerted);

        barrier.Alert();

        waiter.JoinAndRethrow();
        Assert.True(barrier.IsAlerted);
        Assert.Equal(Sequence.InitialValue, result);
    }

    [Fact]
    public void PeekAvailable_MultiProducerGap_StopsBeforeTheUnpublishedSlotWithoutWaiting()
    {
        var ring = RingBuffer<TestEvent>.CreateMultiProducer(8, new YieldingWaitStrategy());
        SequenceBarrier barrier = ring.NewBarrier();
        long high = ring.Next(3); // 0, 1, 2
        ring.Publish(high - 2);
        ring.Publish(high);       // 1 is claimed, not published

        Assert.Equal(0, barrier.PeekAvailable(0));
        Assert.Equal(0, barrier.PeekAvailable(1));
        Assert.Equal(2, barrier.PeekAvailable(2));
        ring.Publish(high - 1);
        Assert.Equal(2, barrier.PeekAvailable(1));
        Assert.Equal(2, barrier.PeekAvailable(3)); // nothing past the cursor: from - 1
    }
}
