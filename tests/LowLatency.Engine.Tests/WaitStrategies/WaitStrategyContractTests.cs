using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.WaitStrategies;

/// <summary>
/// What every <see cref="IWaitStrategy"/> must do; one sealed subclass per strategy. A strategy may return early
/// (below the requested sequence) after a timeout, so waiting callers loop like a processor does.
/// </summary>
public abstract class WaitStrategyContractTests
{
    protected abstract bool ExpectedIsBlocking { get; }

    protected abstract IWaitStrategy CreateStrategy();

    [Fact]
    public void IsBlocking_Strategy_MatchesWhetherWaitersPark()
    {
        Assert.Equal(ExpectedIsBlocking, CreateStrategy().IsBlocking);
    }

    [Fact]
    public void WaitFor_SequenceAlreadyPublished_ReturnsHighestAvailable()
    {
        IWaitStrategy strategy = CreateStrategy();
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, strategy);
        ring.Publish(ring.Next(3));

        Assert.Equal(2, strategy.WaitFor(1, ring.NewBarrier()));
    }

    [Fact]
    public void WaitFor_PublishedByAnotherThread_ReturnsIt()
    {
        IWaitStrategy strategy = CreateStrategy();
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, strategy);
        SequenceBarrier barrier = ring.NewBarrier();
        using var waiting = new ManualResetEventSlim(false);
        long result = Sequence.InitialValue;

        var waiter = TestThread.Start("waiter", () =>
        {
            waiting.Set();
            result = WaitUntilAvailable(strategy, barrier, 0);
        });
        Assert.True(waiting.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));
        ring.Publish(ring.Next()); // signals parked waiters when the strategy blocks

        waiter.JoinAndRethrow();
        Assert.Equal(0, result);
    }

    [Fact]
    public void WaitFor_DependentAdvancedAndSignalled_ReturnsIt()
    {
        IWaitStrategy strategy = CreateStrategy();
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, strategy);
        ring.Publish(ring.Next(4));
        var upstream = new Sequence();
        SequenceBarrier barrier = ring.NewBarrier(upstream);
        using var waiting = new ManualResetEventSlim(false);
        long result = Sequence.InitialValue;

        var waiter = TestThread.Start("waiter", () =>
        {
            waiting.Set();
            result = WaitUntilAvailable(strategy, barrier, 2);
        });
        Assert.True(waiting.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));
        upstream.SetRelease(3);           // what an upstream processor does at the end of a batch...
        strategy.SignalAllWhenBlocking(); // ...followed by this

        waiter.JoinAndRethrow();
        Assert.Equal(3, result);
    }

    [Fact]
    public void WaitFor_Alerted_ReturnsBelowRequested()
    {
        IWaitStrategy strategy = CreateStrategy();
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, strategy);
        SequenceBarrier barrier = ring.NewBarrier();
        using var waiting = new ManualResetEventSlim(false);
        long result = 0;

        var waiter = TestThread.Start("waiter", () =>
        {
            waiting.Set();
            result = WaitUntilAvailable(strategy, barrier, 0);
        });
        Assert.True(waiting.Wait(Timeouts.Safety, TestContext.Current.CancellationToken));
        Assert.False(waiter.Join(Timeouts.Absence), "WaitFor returned although nothing was published");

        barrier.Alert();

        waiter.JoinAndRethrow();
        Assert.Equal(Sequence.InitialValue, result);
    }

    [Fact]
    public void SignalAllWhenBlocking_NobodyWaiting_DoesNothing()
    {
        IWaitStrategy strategy = CreateStrategy();

        strategy.SignalAllWhenBlocking();
        strategy.SignalAllWhenBlocking();

        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, strategy);
        ring.Publish(ring.Next());
        Assert.Equal(0, strategy.WaitFor(0, ring.NewBarrier()));
    }

    /// <summary>Loops like a processor until the sequence is available or the barrier is alerted (bounded).</summary>
    private static long WaitUntilAvailable(IWaitStrategy strategy, SequenceBarrier barrier, long sequence)
    {
        long deadline = Environment.TickCount64 + (long)Timeouts.Safety.TotalMilliseconds;
        long available;
        while ((available = strategy.WaitFor(sequence, barrier)) < sequence && !barrier.IsAlerted)
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"sequence {sequence} never became available");
            }
        }

        return available;
    }
}
