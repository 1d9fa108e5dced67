using System.Text;
using System.Text.RegularExpressions;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Kafka.Tests;

/// <summary>The sink on its own (no bridge): what it publishes for a signal, and what it hands to the next sink.</summary>
public sealed partial class KafkaSignalSinkTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private readonly MockCluster _cluster = new();
    private readonly SymbolTable _symbols = new();
    private readonly SymbolId _aapl;

    public KafkaSignalSinkTests() => _aapl = _symbols.GetOrAdd("AAPL");

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void OnSignal_WithReasons_PublishesTheReasonNameAndTheOrderType()
    {
        Signal[] signals =
        [
            new(_aapl, SignalSide.Buy, FixedPoint.Parse("1.5"), FixedPoint.Parse("100.25"), 1_000, 7, ThresholdStrategy.BelowBuyLevel),
            new(_aapl, SignalSide.Sell, FixedPoint.FromInt(2), FixedPoint.FromInt(101), 2_000, 8, ThresholdStrategy.AboveSellLevel, OrderType.Limit),
        ];

        List<string> published = PublishAndRead(signals, StrategyReasons.Of<ThresholdStrategy>(), next: null);

        Assert.Equal(
        [
            """{"symbol":"AAPL","side":"Buy","quantity":1.5,"price":100.25,"timestamp":1000,"sequence":7,"type":"market","reason":"below_buy_level","sourcePartition":-1,"sourceOffset":-1}""",
            """{"symbol":"AAPL","side":"Sell","quantity":2,"price":101,"timestamp":2000,"sequence":8,"type":"limit","reason":"above_sell_level","sourcePartition":-1,"sourceOffset":-1}""",
        ], published);
    }

    [Fact]
    public void OnSignal_WithoutReasons_PublishesTheReasonCode()
    {
        Signal[] signals = [new(_aapl, SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(100), 1_000, 3, ThresholdStrategy.BelowBuyLevel)];

        List<string> published = PublishAndRead(signals, reasons: null, next: null);

        Assert.Equal(
        [
            """{"symbol":"AAPL","side":"Buy","quantity":1,"price":100,"timestamp":1000,"sequence":3,"type":"market","reason":"1","sourcePartition":-1,"sourceOffset":-1}""",
        ], published);
    }

    [Fact]
    public void OnFill_WithNext_ForwardsTheFillAndPublishesOnlyTheSignal()
    {
        var next = new RecordingSink();
        var signal = new Signal(_aapl, SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(100), 1_000, 3, ThresholdStrategy.BelowBuyLevel);
        var fill = new Fill(_aapl, SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(101), 2_000, 4, 3, ThresholdStrategy.BelowBuyLevel,
            FixedPoint.FromInt(1), Int128.Zero);

        List<string> published = PublishAndRead([signal], StrategyReasons.Of<ThresholdStrategy>(), next, sink => sink.OnFill(in fill));

        Assert.Equal([signal], next.Signals);
        Assert.Equal([fill], next.Fills);
        Assert.Equal("below_buy_level", PublishedSignal.Parse(Encoding.UTF8.GetBytes(Assert.Single(published))).Reason);
    }

    [Fact]
    public void OnSignal_MoreSignalsThanCapacity_WaitsForAcknowledgementsAndDeliversAllInOrder()
    {
        string topic = MockCluster.NewTopic("signals");
        const int count = 40, capacity = 4;
        using (var sink = new KafkaSignalSink(_cluster.Settings(), topic, _symbols, capacity: capacity))
        {
            // The sender is held back, so nothing is acknowledged: the fifth signal finds the queue full, whatever the timing.
            sink.PauseSending(true);
            for (int i = 0; i < capacity; i++)
            {
                sink.OnSignal(Buy(i));
            }

            Assert.Equal((capacity, 0L), (sink.Pending, sink.QueueFullWaits));
            Task rest = Task.Factory.StartNew(() =>
            {
                for (int i = capacity; i < count; i++)
                {
                    sink.OnSignal(Buy(i)); // a full ring makes this wait until a delivery frees the oldest slot
                }
            }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            Assert.True(SpinWait.SpinUntil(() => sink.QueueFullWaits == 1, s_wait), "the fifth signal did not wait for room");
            Assert.False(rest.IsCompleted);
            Assert.Equal(capacity, sink.Pending);
            sink.PauseSending(false);
            Assert.True(rest.Wait(s_wait, TestContext.Current.CancellationToken));

            Assert.True(sink.Flush(s_wait));
            Assert.True(sink.QueueFullWaits > 0);
            Assert.Equal((count, 0L, 0L, 0L), (sink.Delivered, sink.Failed, sink.Dropped, sink.Pending));
        }

        long[] sequences = [.. _cluster.ReadAll(topic, count, s_wait).Select(m => PublishedSignal.Parse(m.Message.Value).Sequence)];
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), sequences);
    }

    [Fact]
    public void Flush_TimesOutWithNothingAcknowledged_PendingCountsTheQueuedSignals()
    {
        // Unreachable cluster: nothing is ever acknowledged, so every queued signal is still pending after the flush.
        var sink = new KafkaSignalSink(new KafkaSettings { BootstrapServers = "127.0.0.1:9" }, "signals", _symbols, capacity: 8);
        try
        {
            Assert.Equal(0, sink.Pending);
            for (int i = 0; i < 3; i++)
            {
                sink.OnSignal(Buy(i));
            }

            Assert.False(sink.Flush(TimeSpan.FromMilliseconds(50)));
            Assert.Equal((3L, 0L, 0L), (sink.Pending, sink.Delivered, sink.Dropped));
        }
        finally
        {
            sink.Abort();
        }
    }

    private Signal Buy(int sequence) =>
        new(_aapl, SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(100), 1_000 + sequence, sequence, ThresholdStrategy.BelowBuyLevel);

    [Fact]
    public void OnSignal_QueueFullInDropMode_CountsTheDropsAndNeverWaits()
    {
        // Unreachable cluster: nothing is ever acknowledged, so the two slots stay taken.
        var sink = new KafkaSignalSink(new KafkaSettings { BootstrapServers = "127.0.0.1:9" }, "signals", _symbols, capacity: 2, queueFullMode: SignalQueueFullMode.Drop);
        try
        {
            for (int i = 0; i < 5; i++)
            {
                var signal = new Signal(_aapl, SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(100), 1_000 + i, i, ThresholdStrategy.BelowBuyLevel);
                sink.OnSignal(in signal);
            }

            Assert.Equal((3L, 0L), (sink.Dropped, sink.QueueFullWaits));
        }
        finally
        {
            sink.Abort();
        }
    }

    [Fact]
    public void OnSignal_SteadyState_AllocatesNothingOnTheStrategyThread()
    {
        // Unreachable cluster and a ring larger than the signals: every call queues, none waits.
        var sink = new KafkaSignalSink(new KafkaSettings { BootstrapServers = "127.0.0.1:9" }, "signals", _symbols, capacity: 1 << 14);
        try
        {
            var signal = new Signal(_aapl, SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(100), 1_000, 1, ThresholdStrategy.BelowBuyLevel);

            long allocated = AllocationProbe.Measure(() =>
            {
                for (int i = 0; i < 2_000; i++) // at most five runs: 10,000 signals, inside the ring
                {
                    sink.OnSignal(in signal);
                }
            });

            Assert.Equal(0, allocated);
            Assert.Equal(0, sink.Dropped);
        }
        finally
        {
            sink.Abort();
        }
    }

    /// <summary>Hands <paramref name="signals"/> (then <paramref name="more"/>) to a new sink on a fresh topic, waits for
    /// every acknowledgement and reads the topic back: each message as text, its emit stamp (checked) left out.</summary>
    private List<string> PublishAndRead(Signal[] signals, StrategyReasons? reasons, ISignalSink? next, Action<KafkaSignalSink>? more = null)
    {
        string topic = MockCluster.NewTopic("signals");
        using (var sink = new KafkaSignalSink(_cluster.Settings(), topic, _symbols, next: next, reasons: reasons))
        {
            foreach (Signal signal in signals)
            {
                sink.OnSignal(in signal);
            }

            more?.Invoke(sink);
            Assert.True(sink.Flush(s_wait));
            Assert.Equal((signals.Length, 0L, 0L), (sink.Delivered, sink.Failed, sink.Dropped));
        }

        // One key, so one partition: read back in the order sent.
        return [.. _cluster.ReadAll(topic, signals.Length, s_wait).Select(m => WithoutEmitStamp(Encoding.UTF8.GetString(m.Message.Value)))];
    }

    private static string WithoutEmitStamp(string json)
    {
        Match stamp = EmitStamp().Match(json);
        Assert.True(stamp.Success, json);
        return json.Remove(stamp.Index, stamp.Length - 1);
    }

    [GeneratedRegex(""",\"emittedNs\":[1-9][0-9]*}$""")]
    private static partial Regex EmitStamp();
}
