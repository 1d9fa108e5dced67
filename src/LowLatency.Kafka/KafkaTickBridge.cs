using Confluent.Kafka;
using LowLatency.Engine;
using LowLatency.Kafka.Internal;
using LowLatency.Market;

namespace LowLatency.Kafka;

/// <summary>
/// Consumes a tick topic into a <see cref="MarketPipeline"/> (single producer: the ring belongs to the bridge thread),
/// at least once: an offset is committed only after the strategy stage has finished that tick. After a crash the group
/// resumes from the last commit, so duplicates are bounded by the ticks in flight plus one commit interval, and each
/// is identified by (partition, offset).
/// </summary>
/// <remarks>Split by aspect: this file holds the life cycle and the consume loop; <c>.Publish</c> takes a tick into
/// the ring, <c>.BadMessages</c> counts and dead-letters the rest, <c>.Commits</c> turns finished ticks into commits
/// (through an <see cref="OffsetLedger"/>), <c>.Rebalance</c> follows the group's assignments.</remarks>
public sealed partial class KafkaTickBridge : IDisposable
{
    private readonly KafkaTickBridgeOptions _options;
    private readonly MarketPipeline _pipeline;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly DeadLetterProducer? _deadLetters;
    private readonly Sequence _strategyDone;
    private readonly OffsetLedger _ledger;

    private Thread? _thread;
    private KafkaSignalSink? _signalGate;
    private long _lastPublished = -1;
    private long _consumed;
    private volatile bool _stopping;
    private volatile bool _aborting;
    private volatile string? _error;

    public KafkaTickBridge(KafkaSettings settings, in KafkaTickBridgeOptions options, MarketPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options.Validate();
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        if (pipeline.RingBuffer.ProducerType != ProducerType.Single)
        {
            throw new ArgumentException("The bridge is the ring's only producer: build the pipeline with ProducerType.Single.", nameof(pipeline));
        }

        _options = options;
        _ring = pipeline.RingBuffer;
        _strategyDone = pipeline.Stages[^1].Sequence;
        _ledger = new OffsetLedger(options.Topic, _ring.BufferSize, options.MaxPartitions);

        var config = settings.Apply(new ConsumerConfig
        {
            GroupId = options.GroupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        });
        var clientLog = new KafkaClientLog(options.Log, settings);
        _consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetPartitionsAssignedHandler((_, list) => OnAssigned(list))
            .SetPartitionsRevokedHandler((_, list) => OnRevoked(list))
            .SetPartitionsLostHandler((_, list) => OnLost(list))
            .SetErrorHandler((_, error) => clientLog.OnError(error)) // e.g. all brokers down: librdkafka retries on its own
            .SetLogHandler((_, message) => clientLog.OnLog(message, errorsHandledElsewhere: true))
            .Build();
        if (options.DeadLetterTopic is not null)
        {
            _deadLetters = new DeadLetterProducer(settings, options.DeadLetterTopic, clientLog);
        }
    }

    /// <summary>Messages taken from the topic, bad ones included.</summary>
    public long Consumed => Interlocked.Read(ref _consumed); // written by the bridge thread

    /// <summary>Ticks published into the ring.</summary>
    public long Published => Volatile.Read(ref _lastPublished) + 1; // written by the bridge thread

    /// <summary>True from <see cref="Start"/> until the bridge thread has left the group (stopped, or failed).</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Why the bridge thread stopped on its own (a fatal Kafka error, a full symbol table); null while running or
    /// after a requested stop.</summary>
    public string? Error => _error;

    /// <summary>Ticks of <paramref name="partition"/> the strategy stage has finished, as accounted at the last commit scan.</summary>
    public long ProcessedCount(int partition) => _ledger.ProcessedCount(partition);

    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The bridge is already started.");
        }

        if (_ring.Cursor != Sequence.InitialValue)
        {
            // Origins are recorded per sequence from the start: a tick published by someone else has none to commit.
            throw new InvalidOperationException("The bridge must be the ring's only producer from its first event; this ring has events already.");
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "kafka-ticks" };
        _thread.Start();
    }

    /// <summary>Graceful stop: in-flight ticks finish, their offsets are committed, the group is left. False on timeout.</summary>
    public bool Stop(TimeSpan timeout)
    {
        _stopping = true;
        return _thread is null || _thread.Join(timeout);
    }

    /// <summary>Stops without the final drain and commit, as a crash would (for tests and emergency stops).</summary>
    public bool Abort(TimeSpan timeout)
    {
        _aborting = true;
        return Stop(timeout);
    }

    /// <summary>Commits wait for <paramref name="sink"/> to acknowledge the signals of the ticks they cover.</summary>
    internal void GateCommitsOn(KafkaSignalSink sink)
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("Create the signal sink before starting the bridge.");
        }

        _signalGate = sink;
    }

    /// <summary>The pipeline was halted: a stage waiting on the sink must give up, or the halt's joins would time out.</summary>
    internal bool PipelineHalted => _pipeline.State == PipelineState.Halted;

    /// <summary>The partition and offset the tick at <paramref name="sequence"/> came from, while that slot is in flight.</summary>
    public bool TryGetOrigin(long sequence, out int partition, out long offset) => _ledger.TryGetOrigin(sequence, out partition, out offset);

    public void Dispose()
    {
        if (!Stop(_options.DrainTimeout + _options.DrainTimeout + TimeSpan.FromSeconds(5)))
        {
            // Still inside the client (a close or commit to an unreachable cluster): freeing the native handles under it
            // would crash the process. They go with the process instead.
            _options.Log?.Invoke("kafka bridge did not stop in time; its Kafka clients are left open");
            return;
        }

        _consumer.Dispose();
        _deadLetters?.Dispose();
    }

    private void Run()
    {
        ScheduleNextCommit();
        try
        {
            _consumer.Subscribe(_options.Topic);
            while (!_stopping)
            {
                ConsumeResult<byte[], byte[]>? result = null;
                try
                {
                    result = _consumer.Consume(TimeSpan.FromMilliseconds(20));
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    // E.g. the topic does not exist yet: librdkafka retries on its own; keep polling.
                    _options.Log?.Invoke("consume: " + ex.Error.Reason);
                }

                if (result is not null && !result.IsPartitionEOF)
                {
                    Handle(result);
                }

                CommitIfDue();
            }

            if (!_aborting)
            {
                if (!DrainInFlight())
                {
                    _options.Log?.Invoke("stop: in-flight ticks did not finish in time; their offsets stay uncommitted and will be consumed again");
                }

                _finalDrainDone = true;
                Commit(null);
            }
        }
        catch (Exception ex)
        {
            // A Kafka failure, a halted pipeline, a throwing callback: the bridge stops, says why, and commits nothing
            // more (what was committed was processed). Never an unhandled exception on this thread.
            _error = ex is KafkaException ? ex.Message : ex.GetType().Name + ": " + ex.Message;
            _options.Log?.Invoke("kafka bridge stopped on error: " + _error);
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Stops consuming before the current message, which stays uncommitted with everything after it.</summary>
    private void StopOnError(string error)
    {
        _error = error;
        _options.Log?.Invoke("kafka bridge stopped on error: " + error);
        _stopping = true;
    }

    /// <summary>Leaves the group; the revoke handler commits unless aborting. A failure here only costs duplicates.</summary>
    private void Close()
    {
        try
        {
            _consumer.Close();
        }
        catch (Exception ex)
        {
            _options.Log?.Invoke("close: " + ex.Message);
        }
    }
}
