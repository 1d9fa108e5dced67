using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace LowLatency.Hosting.Tests;

public sealed class SignalHubTests
{
    [Fact]
    public void Subscribe_ManySignals_EachSubscriberGetsAllInOrder()
    {
        using var hub = new SignalHub(64, SignalQueueFullMode.Drop, NullLogger.Instance);
        var first = new List<long>();
        var second = new List<long>();
        using IDisposable a = hub.Subscribe(s => first.Add(s.Sequence));
        using IDisposable b = hub.Subscribe(s => second.Add(s.Sequence));
        hub.Start();

        // A 64-slot queue and 10 000 signals: the producer outruns the dispatcher, so wait for room instead of dropping.
        for (long i = 0; i < 10_000; i++)
        {
            Assert.True(SpinUntil(() => hub.Pending < hub.Capacity));
            Emit(hub, i);
        }

        Assert.True(hub.Stop(TestHosts.Timeout));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), first);
        Assert.Equal(first, second);
        Assert.Equal(10_000, hub.Delivered);
        Assert.Equal(0, hub.Dropped);
    }

    [Fact]
    public void Dispose_Subscription_StopsItsDeliveriesOnly()
    {
        using var hub = new SignalHub(64, SignalQueueFullMode.Drop, NullLogger.Instance);
        var first = new List<long>();
        var second = new List<long>();
        IDisposable a = hub.Subscribe(s => first.Add(s.Sequence));
        using IDisposable b = hub.Subscribe(s => second.Add(s.Sequence));
        hub.Start();

        Emit(hub, 0);
        Assert.True(SpinUntil(() => hub.Delivered == 1));
        a.Dispose();
        a.Dispose();
        Emit(hub, 1);
        Assert.True(hub.Stop(TestHosts.Timeout));

        Assert.Equal([0L], first);
        Assert.Equal([0L, 1L], second);
    }

    [Fact]
    public void Dispatch_SubscriberThrows_IsLoggedAndTheOthersStillGetTheSignal()
    {
        using var provider = new FakeLoggerProvider();
        using var hub = new SignalHub(64, SignalQueueFullMode.Drop, provider.CreateLogger("test"));
        var received = new List<long>();
        using IDisposable bad = hub.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        using IDisposable good = hub.Subscribe(s => received.Add(s.Sequence));
        hub.Start();

        Emit(hub, 0);
        Emit(hub, 1);
        Assert.True(hub.Stop(TestHosts.Timeout));

        Assert.Equal([0L, 1L], received);
        IReadOnlyList<FakeLogRecord> logs = provider.Collector.GetSnapshot();
        Assert.Equal(2, logs.Count);
        Assert.All(logs, r => Assert.Equal((LogLevel.Warning, "subscriber bug"), (r.Level, r.Exception!.Message)));
    }

    [Fact]
    public void OnSignal_QueueFullInDropMode_CountsTheDropsAndNeverWaits()
    {
        using var hub = new SignalHub(2, SignalQueueFullMode.Drop, NullLogger.Instance);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using IDisposable blocking = hub.Subscribe(_ =>
        {
            entered.Set();
            release.Wait(TestHosts.Timeout);
        });
        hub.Start();

        Emit(hub, 0);
        Assert.True(entered.Wait(TestHosts.Timeout, TestContext.Current.CancellationToken));
        for (long i = 1; i <= 5; i++)
        {
            Emit(hub, i); // 1 fits beside the blocked 0; 2..5 find the queue full
        }

        Assert.Equal(4, hub.Dropped);
        release.Set();
        Assert.True(hub.Stop(TestHosts.Timeout));
        Assert.Equal(2, hub.Delivered);
    }

    [Fact]
    public void OnSignal_QueueFullInFailMode_Throws()
    {
        using var hub = new SignalHub(2, SignalQueueFullMode.Fail, NullLogger.Instance);
        Emit(hub, 0);
        Emit(hub, 1);

        var ex = Assert.Throws<InvalidOperationException>(() => Emit(hub, 2));
        Assert.Contains("LowLatency:SignalQueueFullMode is Fail", ex.Message);
    }

    [Fact]
    public void Ctor_QueueFullModeWait_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalHub(2, SignalQueueFullMode.Wait, NullLogger.Instance));

    [Fact]
    public void OnSignal_SteadyState_AllocatesNothing()
    {
        using var hub = new SignalHub(1024, SignalQueueFullMode.Drop, NullLogger.Instance);
        using IDisposable subscription = hub.Subscribe(static _ => { });
        hub.Start();
        ISignalSink sink = hub;
        var signal = new Signal(new SymbolId(0), SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(100), 1, 0, ThresholdStrategy.BelowBuyLevel);
        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                sink.OnSignal(in signal); // delivered or dropped: neither allocates
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(hub.Stop(TestHosts.Timeout));
    }

    private static void Emit(SignalHub hub, long sequence) =>
        ((ISignalSink)hub).OnSignal(new Signal(new SymbolId(0), SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(100),
            sequence, sequence, ThresholdStrategy.BelowBuyLevel));

    private static bool SpinUntil(Func<bool> condition) => SpinWait.SpinUntil(condition, TestHosts.Timeout);
}
