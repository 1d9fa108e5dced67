using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using LowLatency.Benchmarks.Macro;
using LowLatency.Engine;
using LowLatency.Kafka;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Market.Strategies;

namespace LowLatency.Benchmarks.Kafka;

/// <summary>
/// Consume rate from librdkafka's in-process mock cluster (<see cref="MockKafkaCluster"/>, 3 brokers on loopback): a
/// topic filled once in GlobalSetup with <see cref="TicksPerInvoke"/> ticks is read from the beginning, all of it, by
/// a fresh consumer with a fresh group id every invocation. It is built and connected in IterationSetup (the raw
/// consumer by offset queries, the bridge by its group join) and closed in IterationCleanup, neither measured.
/// Measured: the assignment, the committed-offset lookup (none: reset to earliest), the offset lookup, every fetch,
/// and the decode.
/// <list type="bullet">
/// <item><see cref="RawAssign"/>: <c>IConsumer&lt;byte[], byte[]&gt;</c> assigned every partition (no group
/// membership), a <c>Consume</c> loop and <see cref="TickCodec.TryDecode"/> into a slot array; no pipeline.</item>
/// <item><see cref="Bridge"/>: <see cref="KafkaTickBridge"/> into a <see cref="MarketPipeline"/> (single producer,
/// 64 Ki slots, Hybrid, the default built-in strategy with its default parameters) until the strategy stage has
/// finished the last tick; the bridge's periodic offset commits run inside the measurement. The bridge subscribes,
/// and the mock coordinator holds a new group's first join for 3 s
/// (like <c>group.initial.rebalance.delay.ms</c> on a broker): idle time, not work, that would swamp 100 000 ticks. So
/// IterationSetup starts the bridge and holds its thread in the assignment callback (through the options' Log hook,
/// which the bridge calls last in it) until the measurement starts: the join is excluded, the assignment is not.
/// GlobalCleanup prints the join time ("// Kafka group join" in the log). Some invocations (3 of 10 in one run) take
/// about 460 ms longer, most likely because a fetch to a broker whose first partition is already drained waits out
/// <c>fetch.wait.max.ms</c> (500 ms by default) before the broker's next partition joins the fetch (with 50 ms a trial
/// run showed no such stall). The bridge's defaults are kept, so read the median.</item>
/// </list>
/// Confluent.Kafka allocates a result, a message, a key and a value array per consumed message: the Allocated
/// column shows it (decoding itself allocates nothing, see <see cref="TickCodecBenchmarks"/>).
/// </summary>
[Config(typeof(MacroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class KafkaConsumeBenchmarks
{
    /// <summary>Ticks on the topic, all consumed by every invocation.</summary>
    public const int TicksPerInvoke = 100_000;

    // Short session and heartbeat: the mock coordinator completes a join only as fast as members heartbeat.
    private static readonly Dictionary<string, string> s_groupProperties = new()
    {
        ["session.timeout.ms"] = "6000",
        ["heartbeat.interval.ms"] = "200",
    };

    private readonly MarketEvent[] _slots = new MarketEvent[MacroSizes.Capacity];
    private readonly SymbolTable _symbols = new();
    private readonly List<double> _joinMs = [];
    private MockKafkaCluster? _cluster;
    private string _topic = "";
    private int _partitions;
    private long _expectedChecksum;
    private IConsumer<byte[], byte[]>? _consumer;
    private MarketPipeline? _pipeline;
    private KafkaTickBridge? _bridge;
    private BridgeHold? _hold;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = new MockKafkaCluster();
        _topic = TickTopic.NewName("consume");
        using (var publisher = new KafkaTickPublisher(_cluster.Settings(), _topic, _symbols))
        {
            TickTopic.Publish(publisher, TickTopic.NewGenerator(_symbols), TicksPerInvoke);
        }

        _partitions = _cluster.PartitionCount(_topic, TimeSpan.FromSeconds(10));
        Console.WriteLine($"// Kafka topic {_topic}: {TicksPerInvoke} ticks in {_partitions} partitions");
        MarketEventGenerator generator = TickTopic.NewGenerator(_symbols); // same seed: the same ticks again
        var tick = default(MarketEvent);
        for (int i = 0; i < TicksPerInvoke; i++)
        {
            generator.Next(ref tick);
            _expectedChecksum += tick.Price.Raw;
        }
    }

    [IterationSetup(Target = nameof(RawAssign))]
    public void NewConsumer()
    {
        _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = _cluster!.BootstrapServers,
            GroupId = NewGroupId(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();

        // Connect before the measurement, as the bridge's group join does: the group coordinator (committed offsets)
        // and every partition leader (watermarks). Assigning a cold consumer stalls for one of librdkafka's 500 ms
        // retry backoffs in about half the runs, which is start-up, not consume rate.
        var timeout = TimeSpan.FromSeconds(10);
        List<TopicPartition> partitions = [.. Enumerable.Range(0, _partitions).Select(p => new TopicPartition(_topic, p))];
        if (_consumer.Committed(partitions, timeout).Any(c => c.Offset != Offset.Unset))
        {
            throw new InvalidOperationException("A fresh group has committed offsets.");
        }

        long onTopic = partitions.Sum(p => _consumer.QueryWatermarkOffsets(p, timeout).High.Value);
        if (onTopic != TicksPerInvoke)
        {
            throw new InvalidOperationException($"The topic holds {onTopic} ticks, expected {TicksPerInvoke}.");
        }
    }

    [IterationSetup(Target = nameof(Bridge))]
    public void StartBridgeUntilAssigned()
    {
        _pipeline = new MarketPipelineBuilder(_symbols, new MarketPipelineOptions { ProducerType = ProducerType.Single })
            .WithStrategy(StrategyCatalog.WithBuiltIns().Default, StrategyParameters.Defaults())
            .Build();
        _hold = new BridgeHold();
        _bridge = new KafkaTickBridge(_cluster!.Settings(s_groupProperties), new KafkaTickBridgeOptions
        {
            Topic = _topic,
            GroupId = NewGroupId(),
            Log = _hold.OnLog,
        }, _pipeline);
        _pipeline.Start();
        long startedAt = Stopwatch.GetTimestamp();
        _bridge.Start();
        _hold.WaitUntilAssigned();
        _joinMs.Add(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
    }

    /// <summary>Baseline: a plain consumer assigned every partition, consume + decode into a slot array, no pipeline.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TicksPerInvoke)]
    public long RawAssign()
    {
        IConsumer<byte[], byte[]> consumer = _consumer!;
        var partitions = new List<TopicPartitionOffset>(_partitions);
        for (int p = 0; p < _partitions; p++)
        {
            partitions.Add(new TopicPartitionOffset(_topic, p, Offset.Unset)); // committed offset, else auto.offset.reset
        }

        consumer.Assign(partitions);
        MarketEvent[] slots = _slots;
        int mask = slots.Length - 1;
        long deadline = Environment.TickCount64 + (long)BoundedSpin.Timeout.TotalMilliseconds;
        long checksum = 0;
        for (int count = 0; count < TicksPerInvoke;)
        {
            ConsumeResult<byte[], byte[]>? result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                if (Environment.TickCount64 > deadline)
                {
                    BoundedSpin.ThrowTimeout("the consumer to read every tick");
                }

                continue;
            }

            ref MarketEvent slot = ref slots[count & mask];
            if (!TickCodec.TryDecode(result.Message.Key, result.Message.Value, _symbols, ref slot))
            {
                throw new InvalidOperationException($"Undecodable message at {result.TopicPartitionOffset}.");
            }

            checksum += slot.Price.Raw;
            count++;
        }

        return checksum == _expectedChecksum
            ? checksum
            : throw new InvalidOperationException("The consumed ticks are not the published ones (checksum).");
    }

    /// <summary>Bridge → ring → filter → aggregator → strategy, from assignment until the strategy has finished every tick.</summary>
    [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
    public long Bridge()
    {
        KafkaTickBridge bridge = _bridge!;
        MarketPipeline pipeline = _pipeline!;
        Sequence strategy = pipeline.Stages[^1].Sequence;
        _hold!.Release();
        if (_hold.Expired)
        {
            throw new InvalidOperationException("The bridge was held past the timeout and consumed before the measurement.");
        }

        long deadline = Environment.TickCount64 + (long)BoundedSpin.Timeout.TotalMilliseconds;
        while (strategy.Value < TicksPerInvoke - 1)
        {
            if (!bridge.IsRunning || pipeline.State != PipelineState.Running)
            {
                throw new InvalidOperationException(
                    $"The bridge stopped ({bridge.Error ?? "no error"}; pipeline {pipeline.State}) after {bridge.Published} ticks.");
            }

            if (Environment.TickCount64 > deadline)
            {
                BoundedSpin.ThrowTimeout("the strategy stage to finish every tick");
            }

            Thread.Sleep(1); // the bridge and three stages share 2 cores: take neither from them
        }

        return strategy.Value + 1;
    }

    [IterationCleanup(Target = nameof(RawAssign))]
    public void CloseConsumer()
    {
        _consumer?.Close();
        _consumer?.Dispose();
        _consumer = null;
    }

    [IterationCleanup(Target = nameof(Bridge))]
    public void StopBridge()
    {
        KafkaTickBridge bridge = _bridge!;
        MarketPipeline pipeline = _pipeline!;
        _hold!.Release(); // in case the benchmark never ran
        bool stopped = bridge.Stop(BoundedSpin.Timeout); // drains, commits, leaves the group
        (long consumed, long published, long bad, string? error) = (bridge.Consumed, bridge.Published, bridge.BadMessages, bridge.Error);
        bridge.Dispose();
        bool drained = pipeline.Shutdown(BoundedSpin.Timeout);
        long finished = pipeline.Stages[^1].Sequence.Value + 1;
        pipeline.Dispose();
        _hold.Dispose();
        if (!stopped || !drained || error is not null || bad != 0 ||
            consumed != TicksPerInvoke || published != TicksPerInvoke || finished != TicksPerInvoke)
        {
            throw new InvalidOperationException($"Bridge run: consumed {consumed}, published {published}, finished {finished}, " +
                $"bad {bad} of {TicksPerInvoke} (stopped: {stopped}, drained: {drained}, error: {error ?? "none"}).");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster?.Dispose();
        if (_joinMs.Count > 0)
        {
            double[] joinMs = [.. _joinMs.Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// Kafka group join (bridge start to assignment, not measured): median {joinMs[joinMs.Length / 2]:F1} ms, " +
                $"min {joinMs[0]:F1}, max {joinMs[^1]:F1}, over {joinMs.Length} invocations"));
        }
    }

    private static string NewGroupId() => "bench-" + Guid.NewGuid().ToString("N");
}
