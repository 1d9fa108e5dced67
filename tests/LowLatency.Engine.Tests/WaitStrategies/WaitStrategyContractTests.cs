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
    public void WaitFor_WaiterParkedThenPublishedByAnotherThread_WokenAndReturnsIt()
    {
        IWaitStrategy strategy = CreateStrategy();
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, strategy);
        SequenceBarrier barrier = ring.NewBarrier();
        long result = Sequence.InitialValue;

        var waiter = TestThread.Start("waiter", () => result = WaitUntilAvailable(strategy, barrier, 0));
        WaitUntilWaiting(waiter);
        ring.Publish(ring.Next()); // signals parked waiters when the strategy blocks

        AssertWoken(waiter, barrier);
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
        long result = Sequence.InitialValue;

        var waiter = TestThread.Start("waiter", () => result = WaitUntilAvailable(strategy, barrier, 2));
        WaitUntilWaiting(waiter);
        upstream.SetRelease(3);           // what an upstream processor does at the end of a batch...
        strategy.SignalAllWhenBlocking(); // ...followed by this

        AssertWoken(waiter, barrier);
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

    /// <summary>
    /// A consumer waits for each sequence while a producer publishes it at a random moment: before the consumer
    /// waits, while it spins, or just as it parks. Every publish must wake it: the parking strategies run here
    /// without a park timeout, so a lost wake-up leaves the consumer parked until the deadline fails the test. The
    /// race is narrow (a store still in the publishing core's buffer): Hybrid without its parking-side fence lost a
    /// wake-up about once per 250 000 rounds on the 2-core test machine, hence the many rounds.
    /// </summary>
    [Fact]
    [Trait("Category", "Stress")]
    public void WaitFor_PublishRacingWithTheWaiterParking_NeverLosesAWakeUp()
    {
        int rounds = ExpectedIsBlocking ? 300_000 : 2_000;
        IWaitStrategy strategy = CreateStrategy();
        var ring = RingBuffer<TestEvent>.CreateSingleProducer(8, strategy); // no consumer gates it: never full
        SequenceBarrier barrier = ring.NewBarrier();
        var consumed = new Sequence();
        var consumer = TestThread.Start("consumer", () =>
        {
            for (long s = 0; s < rounds && !barrier.IsAlerted; s++)
            {
                while (strategy.WaitFor(s, barrier) < s && !barrier.IsAlerted)
                {
                }

                consumed.SetRelease(s);
            }
        });

        var random = new Random(13);
        long lostAt = Sequence.InitialValue;
        for (long s = 0; s < rounds && lostAt == Sequence.InitialValue; s++)
        {
            Thread.SpinWait(random.Next(0, 40)); // 0 to about 1.5 µs: around the time the consumer takes to park
            ring.Publish(ring.Next());
            if (!ReachesInTime(consumed, s, TimeSpan.FromSeconds(10)))
            {
                lostAt = s;
            }
        }

        barrier.Alert();
        consumer.JoinAndRethrow();
        Assert.True(lostAt == Sequence.InitialValue, $"lost wake-up: the consumer stayed parked after sequence {lostAt} was published");
    }

    /// <summary>Yields (never sleeps: a round trip is microseconds) until <paramref name="sequence"/> reaches the value.</summary>
    private static bool ReachesInTime(Sequence sequence, long value, TimeSpan timeout)
    {
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        var spinner = default(SpinWait);
        while (sequence.Value < value)
        {
            if (System.Diagnostics.Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }

    /// <summary>Returns once the waiter is parked (blocking strategies) or has been waiting a while (spinning ones).</summary>
    private void WaitUntilWaiting(TestThread waiter)
    {
        if (ExpectedIsBlocking)
        {
            Assert.True(SpinWait.SpinUntil(() => waiter.IsBlocked, Timeouts.Safety), "the waiter never parked");
        }
        else
        {
            Assert.False(waiter.Join(Timeouts.Absence), "WaitFor returned although nothing was published");
        }
    }

    /// <summary>The waiter must return on its own: with no park timeout, only the wake-up can end its wait.</summary>
    private static void AssertWoken(TestThread waiter, SequenceBarrier barrier)
    {
        bool woken = waiter.Join(Timeouts.Safety);
        if (!woken)
        {
            barrier.Alert(); // free the thread before failing
        }

        Assert.True(woken, "lost wake-up: the parked waiter was not woken by the publish");
        waiter.JoinAndRethrow();
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
