using System.Collections.Concurrent;
using Confluent.Kafka;
using LowLatency.Kafka.Tests.Hosting;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Kafka.Tests;

public sealed class KafkaTickBridgeTests : IDisposable
{
    private const int RingSize = 1024;
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);
    // Short session and heartbeat: the mock coordinator rebalances only as fast as members heartbeat.
    private static readonly Dictionary<string, string> s_groupProperties = new()
    {
        ["session.timeout.ms"] = "6000",
        ["heartbeat.interval.ms"] = "200",
    };

    private readonly MockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void Bridge_ProduceConsume_ProcessesEveryTickAndPublishesEverySignal()
    {
        const int n = 2_000;
        string ticks = MockCluster.NewTopic("ticks"), signals = MockCluster.NewTopic("signals");
        Publish(ticks, n, seed: 1);

        var symbols = new SymbolTable();
        using var pipeline = NewPipeline(symbols);
        var processed = new ConcurrentDictionary<(int, long), int>();
        using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g1", processed), pipeline);
        using var sink = new KafkaSignalSink(_cluster.Settings(), signals, symbols, bridge, reasons: pipeline.Reasons);
        pipeline.Trading.Sink = sink;
        pipeline.Start();
        bridge.Start();

        Assert.True(WaitUntil(() => processed.Count >= n), $"processed {processed.Count} consumed {bridge.Consumed} published {bridge.Published} strategy {pipeline.Stages[^1].Sequence.Value} cursor {pipeline.RingBuffer.Cursor} state {pipeline.State}");
        Assert.True(bridge.Stop(s_wait));
        Assert.True(pipeline.Shutdown(s_wait));
        Assert.True(sink.Flush(s_wait));

        Assert.Equal(n, bridge.Published);
        Assert.Equal(n, processed.Count);
        Assert.All(processed.Values, count => Assert.Equal(1, count));
        SignalLog log = pipeline.Trading.Signals;
        Assert.True(log.TotalCount > 0);
        Assert.Equal(log.TotalCount, log.Count); // every signal kept, to compare with the topic
        Assert.Equal(log.TotalCount, sink.Delivered);
        List<ConsumeResult<byte[], byte[]>> published = _cluster.ReadAll(signals, (int)log.TotalCount, s_wait);
        // Every signal once, with its side, type and reason by name (the default threshold strategy's).
        Assert.Equal(
            log.Signals.ToArray().Select(s => (s.Sequence, s.Side.ToString(), "market", pipeline.Reasons[s.Reason])),
            published.Select(m => PublishedSignal.Parse(m.Message.Value)).Select(p => (p.Sequence, p.Side, p.Type, p.Reason)).OrderBy(d => d.Sequence));
        // Each signal names the tick it came from: a tick the bridge processed.
        Assert.All(published, m => Assert.True(processed.ContainsKey(SourceOf(m.Message.Value)), System.Text.Encoding.UTF8.GetString(m.Message.Value)));
    }

    [Fact]
    public void Bridge_TicksFlaggedOffMarket_KeepTheirFlagAndTheFilterRejectsThem()
    {
        const int n = 10;
        string ticks = MockCluster.NewTopic("ticks");
        var source = new SymbolTable();
        SymbolId aapl = source.GetOrAdd("AAPL");
        using (var publisher = new KafkaTickPublisher(_cluster.Settings(), ticks, source))
        {
            for (int i = 0; i < n; i++)
            {
                MarketEvent trade = MarketEvent.Trade(aapl, FixedPoint.FromInt(100 + i), FixedPoint.FromInt(1), i + 1);
                trade.Flags = i % 3 == 0 ? MarketEventFlags.OffMarketPrint : MarketEventFlags.None; // ticks 0, 3, 6 and 9
                publisher.Publish(in trade);
            }

            Assert.True(publisher.Flush(s_wait));
        }

        var processed = new ConcurrentDictionary<(int, long), int>();
        using var pipeline = NewPipeline(new SymbolTable());
        using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g8", processed), pipeline);
        pipeline.Start();
        bridge.Start();
        Assert.True(WaitUntil(() => processed.Count >= n), "processed " + processed.Count);
        Assert.True(bridge.Stop(s_wait));
        Assert.True(pipeline.Shutdown(s_wait));

        Assert.Equal((4L, 6L), (pipeline.Filter.GetCount(FilterReason.OffMarketPrint), pipeline.Filter.AcceptedCount));
        Assert.Equal(6, pipeline.Trading.TradeCount);
        Assert.Equal(FixedPoint.FromInt(108), pipeline.Trading.GetLastPrice(pipeline.Symbols.GetOrAdd("AAPL"))); // tick 9 was off-market
    }

    [Fact]
    public void Bridge_AbortThenRestartSameGroup_LosesNothingAndDuplicatesOnlyUncommitted()
    {
        const int n = 3_000;
        string ticks = MockCluster.NewTopic("ticks");
        Publish(ticks, n, seed: 2);
        var first = new ConcurrentDictionary<(int, long), int>();
        long firstPublished;
        using (var pipeline = NewPipeline(new SymbolTable()))
        {
            using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g2", first), pipeline);
            pipeline.Start();
            bridge.Start();
            Assert.True(WaitUntil(() => first.Count >= n / 3), "processed " + first.Count);
            Assert.True(bridge.Abort(s_wait)); // a crash: no final drain, no final commit
            firstPublished = bridge.Published;
            pipeline.Halt();
        }

        Dictionary<int, long> committed = CommittedOffsets(ticks, "g2", _cluster.PartitionCount(ticks));
        var second = new ConcurrentDictionary<(int, long), int>();
        using (var pipeline = NewPipeline(new SymbolTable()))
        {
            using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g2", second), pipeline);
            pipeline.Start();
            bridge.Start();
            Assert.True(WaitUntil(() => first.Keys.Union(second.Keys).Count() >= n), "processed " + second.Count);
            Assert.True(bridge.Stop(s_wait));
        }

        Assert.Equal(n, first.Keys.Union(second.Keys).Count());
        var duplicates = first.Keys.Intersect(second.Keys).ToList();
        long inFlightBound = firstPublished - committed.Values.Sum();
        Assert.True(duplicates.Count <= inFlightBound, $"{duplicates.Count} duplicates > bound {inFlightBound}");
        Assert.All(duplicates, d => Assert.True(d.Item2 >= committed[d.Item1], "duplicate below the committed offset"));
    }

    [Fact]
    public void Bridge_SignalsTopicDownThenCrash_NothingCommittedAndRestartPublishesASignalForEveryTick()
    {
        const int n = 3_000;
        string ticks = MockCluster.NewTopic("ticks"), signals = MockCluster.NewTopic("signals");
        Publish(ticks, n, seed: 6);
        var first = new ConcurrentDictionary<(int, long), int>();
        using (var pipeline = NewSignalPerTickPipeline())
        {
            using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g5", first), pipeline);
            // The signals cluster is unreachable: every signal is queued in the client and none is ever acknowledged.
            var sink = new KafkaSignalSink(new KafkaSettings { BootstrapServers = "127.0.0.1:9" }, signals, pipeline.Symbols, bridge);
            try
            {
                pipeline.Trading.Sink = sink;
                pipeline.Start();
                bridge.Start();
                Assert.True(WaitUntil(() => pipeline.Stages[^1].ProcessedCount >= RingSize), "strategy " + pipeline.Stages[^1].ProcessedCount);
                Thread.Sleep(500); // several commit intervals
                // The strategy finished a ring's worth of ticks, but a tick whose signal is not acknowledged is not
                // committable, and its slot is not reused until it is: the bridge stops taking ticks instead of losing any.
                Assert.Equal(RingSize, pipeline.Stages[^1].ProcessedCount);
                Assert.True(bridge.Abort(s_wait)); // a crash: no drain, no final commit, queued signals never sent
            }
            finally
            {
                sink.Abort();
                pipeline.Halt();
            }

            Assert.Empty(first);
        }

        var second = new ConcurrentDictionary<(int, long), int>();
        using (var pipeline = NewSignalPerTickPipeline())
        {
            using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g5", second), pipeline);
            using var sink = new KafkaSignalSink(_cluster.Settings(), signals, pipeline.Symbols, bridge);
            pipeline.Trading.Sink = sink;
            pipeline.Start();
            bridge.Start();
            Assert.True(WaitUntil(() => second.Count >= n), "committable " + second.Count);
            Assert.True(bridge.Stop(s_wait));
            Assert.True(sink.Flush(s_wait));
            Assert.Equal((n, 0L, 0L), (sink.Delivered, sink.Failed, sink.Dropped));
        }

        // Restarted from the beginning (nothing was committed), every tick got its signal onto the topic, each naming
        // the tick's partition and offset.
        HashSet<(int, long)> all = [.. _cluster.ReadAll(ticks, n, s_wait).Select(m => (m.Partition.Value, m.Offset.Value))];
        List<(int, long)> signalled = [.. _cluster.ReadAll(signals, n, s_wait).Select(m => SourceOf(m.Message.Value))];
        Assert.Equal(n, all.Count);
        Assert.Equal(all.Order(), signalled.Order());
    }

    [Fact]
    public void Bridge_SlotsLeftByThePreviousLap_CarryNoStageField()
    {
        string ticks = MockCluster.NewTopic("ticks");
        Publish(ticks, 4, seed: 9);
        using var pipeline = NewPipeline(new SymbolTable()); // never started: each slot stays as the bridge published it
        for (int i = 0; i < 4; i++)
        {
            ref MarketEvent slot = ref pipeline.RingBuffer[i];
            slot.FilterReason = FilterReason.StaleTimestamp;
            slot.RollingVwap = FixedPoint.FromInt(7);
            slot.Signal = SignalSide.Buy;
            slot.IngestTimestampNs = 1;
        }

        using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g9", new()), pipeline);
        long before = MonotonicClock.NowNs();
        bridge.Start();
        try
        {
            Assert.True(WaitUntil(() => bridge.Published == 4), "published " + bridge.Published);
        }
        finally
        {
            Assert.True(bridge.Abort(s_wait)); // nothing to drain: the stages never ran
        }

        for (int i = 0; i < 4; i++)
        {
            MarketEvent slot = pipeline.RingBuffer[i];
            Assert.Equal((FilterReason.None, FixedPoint.Zero, SignalSide.None), (slot.FilterReason, slot.RollingVwap, slot.Signal));
            Assert.True(slot.IngestTimestampNs >= before, "not stamped at publish");
        }
    }

    [Fact]
    public void SignalSink_StrategyWaitingForRoom_IsReleasedByAHalt()
    {
        string ticks = MockCluster.NewTopic("ticks");
        Publish(ticks, 200, seed: 8);
        using var pipeline = NewSignalPerTickPipeline();
        using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g7", new()), pipeline);
        // Unreachable signals cluster and a tiny queue: the strategy thread ends up waiting for room inside OnSignal.
        var sink = new KafkaSignalSink(new KafkaSettings { BootstrapServers = "127.0.0.1:9" }, "signals", pipeline.Symbols, bridge, capacity: 2);
        try
        {
            pipeline.Trading.Sink = sink;
            pipeline.Start();
            bridge.Start();
            Assert.True(WaitUntil(() => sink.QueueFullWaits > 0), "the signal queue never filled");

            pipeline.Halt();

            // The waiting signal gave up at the halt instead of holding the strategy thread (so the halt could join it);
            // the rest of its batch was dropped the same way. Two signals stayed queued, never acknowledged.
            Assert.True(sink.Dropped > 0);
            Assert.Equal(pipeline.Stages[^1].ProcessedCount, sink.Dropped + 2);
        }
        finally
        {
            sink.Abort();
        }
    }

    [Fact]
    public void SignalSink_QueueFullModeDropWithABridge_IsRefused()
    {
        using var pipeline = NewPipeline(new SymbolTable());
        using var bridge = new KafkaTickBridge(_cluster.Settings(), Options("t", "g", new()), pipeline);

        var ex = Assert.Throws<ArgumentException>(() => new KafkaSignalSink(_cluster.Settings(), "s", pipeline.Symbols, bridge, queueFullMode: SignalQueueFullMode.Drop));
        Assert.Contains("commits wait for every signal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SignalSink_QueueFullModeFail_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new KafkaSignalSink(_cluster.Settings(), "s", new SymbolTable(), queueFullMode: SignalQueueFullMode.Fail));
        Assert.Equal("queueFullMode must be Wait or Drop (got Fail). (Parameter 'queueFullMode')", ex.Message);
    }

    [Fact]
    public void Bridge_StartOnARingWithEvents_IsRefused()
    {
        using var pipeline = NewPipeline(new SymbolTable());
        using var bridge = new KafkaTickBridge(_cluster.Settings(), Options("t", "g", new()), pipeline);
        pipeline.Start();
        pipeline.RingBuffer.Publish(pipeline.RingBuffer.Next());

        var ex = Assert.Throws<InvalidOperationException>(bridge.Start);
        Assert.Contains("only producer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bridge_AssignedAPartitionAboveMaxPartitions_StopsWithAnErrorNamingIt()
    {
        string ticks = MockCluster.NewTopic("ticks");
        Publish(ticks, 100, seed: 7);
        Assert.True(_cluster.PartitionCount(ticks) > 1);
        using var pipeline = NewPipeline(new SymbolTable());
        using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g6", new()) with { MaxPartitions = 1 }, pipeline);
        pipeline.Start();
        bridge.Start();

        Assert.True(WaitUntil(() => !bridge.IsRunning), "the bridge kept running");
        int last = _cluster.PartitionCount(ticks) - 1;
        Assert.StartsWith(last == 1 ? "assigned partition 1 of" : "assigned partitions 1, 2", bridge.Error, StringComparison.Ordinal);
        Assert.Contains($"{last} of {ticks}, above MaxPartitions (1)", bridge.Error, StringComparison.Ordinal);
        Assert.Equal(0, bridge.BadMessages);
    }

    [Fact]
    public void Bridge_TwoConsumersOneGroup_SplitPartitionsAndProcessEveryTick()
    {
        const int half = 1_500;
        string ticks = MockCluster.NewTopic("ticks");
        Publish(ticks, half, seed: 3);
        var a = new ConcurrentDictionary<(int, long), int>();
        var b = new ConcurrentDictionary<(int, long), int>();
        using var pipelineA = NewPipeline(new SymbolTable());
        using var pipelineB = NewPipeline(new SymbolTable());
        using var bridgeA = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g3", a), pipelineA);
        int assignedToB = 0;
        using var bridgeB = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g3", b) with
        {
            Log = line => { if (line.StartsWith("assigned", StringComparison.Ordinal)) Interlocked.Increment(ref assignedToB); },
        }, pipelineB);
        pipelineA.Start();
        pipelineB.Start();
        bridgeA.Start();
        Assert.True(WaitUntil(() => a.Count >= half), "A processed " + a.Count);
        bridgeB.Start();
        Assert.True(WaitUntil(() => Volatile.Read(ref assignedToB) > 0), "B never got partitions");
        Publish(ticks, half, seed: 4);

        Assert.True(WaitUntil(() => a.Keys.Union(b.Keys).Count() >= 2 * half), "processed " + a.Keys.Union(b.Keys).Count());
        Assert.True(bridgeB.Stop(s_wait));
        Assert.True(bridgeA.Stop(s_wait));

        Assert.Equal(2 * half, a.Keys.Union(b.Keys).Count());
        Assert.NotEmpty(b);
        Assert.True(a.Keys.Intersect(b.Keys).Count() <= RingSize);
    }

    [Fact]
    public void Bridge_BadMessages_AreCountedDeadLetteredAndSkipped()
    {
        string ticks = MockCluster.NewTopic("ticks"), dead = MockCluster.NewTopic("dead");
        Publish(ticks, 10, seed: 5);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build())
        {
            producer.Produce(ticks, new Message<byte[], byte[]> { Key = "AAPL"u8.ToArray(), Value = [2, 0, 0] });
            producer.Produce(ticks, new Message<byte[], byte[]> { Key = "AAPL"u8.ToArray(), Value = "{not json"u8.ToArray() });
            producer.Produce(ticks, new Message<byte[], byte[]> { Key = "AAPL"u8.ToArray(), Value = """{"symbol":"AAPL","price":1.5,"size":2,"timestamp":"2024-01-02T14:30:00Z"}"""u8.ToArray() });
            // Last on its partition: only the bad-message path can commit past it.
            producer.Produce(ticks, new Message<byte[], byte[]> { Key = "AAPL"u8.ToArray(), Value = [] });
            Assert.Equal(0, producer.Flush(s_wait));
        }

        var processed = new ConcurrentDictionary<(int, long), int>();
        var log = new ConcurrentQueue<string>();
        using var pipeline = NewPipeline(new SymbolTable());
        using var bridge = new KafkaTickBridge(_cluster.Settings(s_groupProperties), Options(ticks, "g4", processed) with
        {
            DeadLetterTopic = dead,
            Log = log.Enqueue,
        }, pipeline);
        pipeline.Start();
        bridge.Start();
        Assert.True(WaitUntil(() => processed.Count >= 11 && bridge.BadMessages >= 3), "processed " + processed.Count);
        Assert.True(bridge.Stop(s_wait));

        Assert.Equal(14, bridge.Consumed);
        Assert.Equal(3, bridge.BadMessages);
        Assert.Equal(11, processed.Count);
        Assert.Contains(log, line => line.StartsWith("bad message", StringComparison.Ordinal) && line.Contains(ticks, StringComparison.Ordinal));
        List<ConsumeResult<byte[], byte[]>> letters = _cluster.ReadAll(dead, 3, s_wait);
        Assert.Equal(3, letters.Count);
        Assert.All(letters, l => Assert.NotNull(l.Message.Headers.GetLastBytes("source-offset")));
        Assert.Equal(14, CommittedOffsets(ticks, "g4", _cluster.PartitionCount(ticks)).Values.Sum()); // committed past the bad ones
    }

    private static KafkaTickBridgeOptions Options(string topic, string group, ConcurrentDictionary<(int, long), int> processed) => new()
    {
        Topic = topic,
        GroupId = group,
        CommitInterval = TimeSpan.FromMilliseconds(100),
        Processed = (p, o) => processed.AddOrUpdate((p, o), 1, (_, c) => c + 1),
    };

    /// <summary>The built-in default: the threshold strategy with its defaults.</summary>
    private static MarketPipeline NewPipeline(SymbolTable symbols) =>
        new MarketPipelineBuilder(symbols, new MarketPipelineOptions { RingSize = RingSize }).WithStrategy(StrategyDefinition.For<ThresholdStrategy>()).Build();

    /// <summary><see cref="BuyEveryTickStrategy"/> without a notional limit: every tick gets exactly one buy signal.</summary>
    private static MarketPipeline NewSignalPerTickPipeline() => new MarketPipelineBuilder(new SymbolTable(), new MarketPipelineOptions
    {
        RingSize = RingSize,
        Trading = new TradingOptions { Risk = new RiskLimits { MaxNotional = FixedPoint.Zero } },
    }).WithStrategy(new BuyEveryTickStrategy()).Build();

    private static (int Partition, long Offset) SourceOf(byte[] signalJson) => PublishedSignal.Parse(signalJson).Source;

    private void Publish(string topic, int count, ulong seed) => KafkaHosts.PublishTicks(_cluster, topic, count, seed);

    private Dictionary<int, long> CommittedOffsets(string topic, string group, int partitions)
    {
        using IConsumer<byte[], byte[]> consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = group,
        }).Build();
        List<TopicPartitionOffset> offsets = consumer.Committed(
            Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        return offsets.ToDictionary(o => o.Partition.Value, o => o.Offset.Value < 0 ? 0 : o.Offset.Value);
    }

    private static bool WaitUntil(Func<bool> condition)
    {
        long deadline = Environment.TickCount64 + (long)s_wait.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }
}
