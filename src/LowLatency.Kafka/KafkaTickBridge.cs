using System.Globalization;
using System.Text;
using Confluent.Kafka;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Kafka;

/// <summary>
/// Consumes a tick topic into a <see cref="MarketPipeline"/> (single producer: the ring belongs to the bridge thread),
/// at least once: an offset is committed only after the strategy stage has finished that tick. After a crash the group
/// resumes from the last commit, so duplicates are bounded by the ticks in flight plus one commit interval, and each
/// is identified by (partition, offset).
/// </summary>
public sealed class KafkaTickBridge : IDisposable
{
    private readonly KafkaTickBridgeOptions _options;
    private readonly MarketPipeline _pipeline;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly IProducer<byte[], byte[]>? _deadLetters;
    private readonly Sequence _strategyDone;
    private readonly long _mask;

    // Origin of each ring sequence, indexed by sequence & mask; written before publish, read by the sink and the scan.
    private readonly int[] _originPartition;
    private readonly long[] _originOffset;
    private readonly int[] _originGeneration; // the partition's assignment generation when the tick was published

    // Per-partition commit state, owned by the bridge thread.
    private readonly long[] _processedNext;
    private readonly long[] _committedNext;
    private readonly long[] _badNext;
    private readonly long[] _badAfterSequence;
    private readonly bool[] _assigned;
    private readonly long[] _processedCount;
    private readonly int[] _generation; // per partition, bumped on every assignment: older in-flight ticks are not ours to commit
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDeadLetterDelivered;
    private readonly List<TopicPartitionOffset> _toCommit = [];
    private readonly long[] _badByReason = new long[(int)TickDecodeResult.SymbolTableFull + 1];

    private Thread? _thread;
    private KafkaSignalSink? _signalGate;
    private MarketEvent _scratch;
    private long _scanned = -1;
    private long _lastPublished = -1;
    private long _consumed;
    private long _bad;
    private long _commits;
    private volatile bool _stopping;
    private volatile bool _aborting;
    private volatile string? _error;
    private bool _finalDrainDone; // bridge thread: the stop's drain ran, so the revoke that Close triggers only commits
    private long _nextCommit;
    private long _deadLetterFailures;

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
        _mask = _ring.BufferSize - 1;
        _strategyDone = pipeline.Stages[^1].Sequence;
        _originPartition = new int[_ring.BufferSize];
        _originOffset = new long[_ring.BufferSize];
        _originGeneration = new int[_ring.BufferSize];
        int partitions = options.MaxPartitions;
        _processedNext = new long[partitions];
        _committedNext = new long[partitions];
        _badNext = new long[partitions];
        _badAfterSequence = new long[partitions];
        _assigned = new bool[partitions];
        _processedCount = new long[partitions];
        _generation = new int[partitions];
        _onDeadLetterDelivered = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _deadLetterFailures); // read on the bridge thread after its flush
            }
        };

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
            _deadLetters = new ProducerBuilder<byte[], byte[]>(settings.Apply(new ProducerConfig { Acks = Acks.All }))
                .SetLogHandler((_, message) => clientLog.OnLog(message))
                .Build();
        }
    }

    /// <summary>Messages taken from the topic, bad ones included.</summary>
    public long Consumed => Interlocked.Read(ref _consumed); // written by the bridge thread

    /// <summary>Ticks published into the ring.</summary>
    public long Published => Volatile.Read(ref _lastPublished) + 1; // written by the bridge thread

    /// <summary>Bad messages (counted by reason, logged, dead-lettered when configured, committed past).</summary>
    public long BadMessages => Interlocked.Read(ref _bad);

    /// <summary>Bad messages of one <paramref name="reason"/>; they add up to <see cref="BadMessages"/>.</summary>
    public long BadMessagesOf(TickDecodeResult reason) =>
        reason is > TickDecodeResult.Ok and < TickDecodeResult.SymbolTableFull ? Interlocked.Read(ref _badByReason[(int)reason]) : 0;

    /// <summary>Successful offset commits.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>True from <see cref="Start"/> until the bridge thread has left the group (stopped, or failed).</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Why the bridge thread stopped on its own (a fatal Kafka error, a full symbol table); null while running or
    /// after a requested stop.</summary>
    public string? Error => _error;

    /// <summary>Ticks of <paramref name="partition"/> the strategy stage has finished, as accounted at the last commit scan.</summary>
    public long ProcessedCount(int partition) =>
        (uint)partition < (uint)_processedCount.Length ? Volatile.Read(ref _processedCount[partition]) : 0; // bridge thread writes

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
    public bool TryGetOrigin(long sequence, out int partition, out long offset)
    {
        int index = (int)(sequence & _mask);
        partition = _originPartition[index];
        offset = _originOffset[index];
        return sequence >= 0;
    }

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
        _deadLetters?.Flush(TimeSpan.FromSeconds(5));
        _deadLetters?.Dispose();
    }

    private void Run()
    {
        _nextCommit = Environment.TickCount64 + (long)_options.CommitInterval.TotalMilliseconds;
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

    private void CommitIfDue()
    {
        if (Environment.TickCount64 >= _nextCommit)
        {
            ScanProcessed();
            Commit(null);
            _nextCommit = Environment.TickCount64 + (long)_options.CommitInterval.TotalMilliseconds;
        }
    }

    private void Handle(ConsumeResult<byte[], byte[]> result)
    {
        Interlocked.Increment(ref _consumed); // read by Consumed on other threads
        int partition = result.Partition.Value;
        long offset = result.Offset.Value;
        if ((uint)partition >= (uint)_assigned.Length)
        {
            return; // the assignment already stopped the bridge with an error; never committed, so consumed again later
        }

        // Decode into scratch first: a claimed sequence must always be published (Drain waits for claims), so a bad
        // message must be found before claiming. Costs one 64-byte copy.
        TickDecodeResult decoded = TickCodec.Decode(result.Message.Key, result.Message.Value, _pipeline.Symbols, _options.TimestampUnit, ref _scratch);
        if (decoded == TickDecodeResult.SymbolTableFull)
        {
            StopOnFullSymbolTable(result);
            return;
        }

        if (decoded != TickDecodeResult.Ok)
        {
            OnBad(result, decoded);
            return;
        }

        // The slot (and its origin entry) about to be reused must be accounted first: that needs the strategy to have
        // finished its tick (ring full otherwise) and, with a signal sink, its signals acknowledged. Waiting here, before
        // the claim, lets a stop abandon the uncommitted tick (a claimed sequence would have to be published).
        long reused = _lastPublished + 1 - _ring.BufferSize;
        var backOff = default(SpinWait);
        while (reused > _scanned)
        {
            ScanProcessed();
            if (reused <= _scanned)
            {
                break;
            }

            if (_stopping)
            {
                return;
            }

            ThrowIfPipelineStopped();
            CommitIfDue(); // what is done meanwhile still gets committed
            backOff.SpinOnce(); // yields, then sleeps: on 2 cores the stages and the client need the CPU this would spin on
        }

        long sequence;
        while (!_ring.TryNext(out sequence))
        {
            if (_stopping)
            {
                return; // nothing claimed yet
            }

            ThrowIfPipelineStopped();
            Thread.Yield(); // not expected: the strategy has finished the slot the claim reuses
        }

        ref MarketEvent slot = ref _ring[sequence];
        slot = _scratch;
        slot.IngestTimestampNs = MonotonicClock.NowNs();
        int index = (int)(sequence & _mask);
        _originPartition[index] = partition;
        _originOffset[index] = offset;
        _originGeneration[index] = _generation[partition];
        _ring.Publish(sequence); // release: slot and origin are visible to the stages and the signal sink
        Volatile.Write(ref _lastPublished, sequence); // read by Published on other threads
    }

    private void ThrowIfPipelineStopped()
    {
        if (_pipeline.State is PipelineState.Halted or PipelineState.Stopped)
        {
            throw new InvalidOperationException($"the pipeline is {_pipeline.State.ToString().ToLowerInvariant()}, so in-flight ticks will not finish");
        }
    }

    /// <summary>
    /// A valid tick that cannot be taken: skipping it would lose it, so the bridge stops before it. The ticks before it
    /// finish and are committed (the normal stop), this one and everything after stay uncommitted, so a restart with a
    /// larger capacity resumes exactly here.
    /// </summary>
    private void StopOnFullSymbolTable(ConsumeResult<byte[], byte[]> result)
    {
        int capacity = _pipeline.Symbols.Capacity;
        string key = result.Message.Key is { Length: > 0 } k ? " (key '" + Encoding.UTF8.GetString(k) + "')" : "";
        _error = string.Create(CultureInfo.InvariantCulture,
            $"symbol table full: {result.Topic} [{result.Partition.Value}] @{result.Offset.Value}{key} brings a new symbol beyond the capacity of {capacity:N0}; consuming stopped before it, and neither it nor anything after it is committed. Raise {_options.SymbolCapacitySetting} (e.g. to {(long)capacity * 2:N0}) and restart: consuming resumes at this tick.");
        _options.Log?.Invoke("kafka bridge stopped on error: " + _error);
        _stopping = true;
    }

    private void OnBad(ConsumeResult<byte[], byte[]> result, TickDecodeResult why)
    {
        Interlocked.Increment(ref _bad); // read by BadMessages on other threads
        Interlocked.Increment(ref _badByReason[(int)why]);
        string reason = why == TickDecodeResult.TimestampOutOfRange
            ? $"{why.ToReason()}: not within 2000-01-01..2100-01-01 as {_options.TimestampUnit}"
            : why.ToReason();
        int partition = result.Partition.Value;
        _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"bad message ({reason}): {result.Topic} [{partition}] @{result.Offset.Value}"));
        if (_deadLetters is not null && !CopyToDeadLetters(result, partition, reason))
        {
            // Committing past a message whose only copy was not confirmed would lose it: stop before it, as for a
            // full symbol table, so a restart (with the dead-letter topic fixed) meets it again.
            _error = string.Create(CultureInfo.InvariantCulture,
                $"dead-letter copy of {result.Topic} [{partition}] @{result.Offset.Value} to {_options.DeadLetterTopic} was not confirmed; consuming stopped before it, and neither it nor anything after it is committed.");
            _options.Log?.Invoke("kafka bridge stopped on error: " + _error);
            _stopping = true;
            return;
        }

        if ((uint)partition < (uint)_badNext.Length)
        {
            // Committable once every tick published before it is processed (offsets rise within a partition).
            _badNext[partition] = result.Offset.Value + 1;
            _badAfterSequence[partition] = _lastPublished;
        }
    }

    /// <summary>Copies a bad message to the dead-letter topic with its source and reason; true once the cluster
    /// confirmed it. Bad messages are rare: waiting for the copy keeps its offset uncommitted until it is safe.</summary>
    private bool CopyToDeadLetters(ConsumeResult<byte[], byte[]> result, int partition, string reason)
    {
        var headers = new Headers
        {
            { "source-topic", Encoding.UTF8.GetBytes(result.Topic) },
            { "source-partition", Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture)) },
            { "source-offset", Encoding.UTF8.GetBytes(result.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
            { "reason", Encoding.UTF8.GetBytes(reason) },
        };
        var message = new Message<byte[], byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers };
        IProducer<byte[], byte[]> deadLetters = _deadLetters!;
        long failuresBefore = Interlocked.Read(ref _deadLetterFailures);
        bool queued = false;
        for (int attempt = 0; !queued && attempt < 50; attempt++)
        {
            try
            {
                deadLetters.Produce(_options.DeadLetterTopic!, message, _onDeadLetterDelivered);
                queued = true;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                deadLetters.Flush(TimeSpan.FromMilliseconds(100));
            }
            catch (KafkaException)
            {
                return false; // refused outright (e.g. an invalid topic name): not copied
            }
        }

        return queued && deadLetters.Flush(_options.DrainTimeout) == 0 && Interlocked.Read(ref _deadLetterFailures) == failuresBefore;
    }

    /// <summary>Folds every tick the strategy has finished into the per-partition next offsets.</summary>
    private void ScanProcessed()
    {
        long done = Math.Min(_strategyDone.Value, _lastPublished); // first: every signal of a tick up to it is queued by now
        if (_signalGate is not null)
        {
            done = _signalGate.CommittableThrough(done);
        }

        Action<int, long>? processed = _options.Processed;
        for (long s = _scanned + 1; s <= done; s++)
        {
            int index = (int)(s & _mask);
            int partition = _originPartition[index];
            long offset = _originOffset[index];
            if (_originGeneration[index] != _generation[partition])
            {
                continue; // from an earlier assignment of that partition: its new owner commits it (or already has)
            }

            _processedNext[partition] = offset + 1;
            Volatile.Write(ref _processedCount[partition], _processedCount[partition] + 1); // read by ProcessedCount
            processed?.Invoke(partition, offset);
        }

        if (done > _scanned)
        {
            _scanned = done;
        }
    }

    /// <summary>Every published tick through the strategy and its signals acknowledged (bounded), then accounted.</summary>
    private bool DrainInFlight()
    {
        bool drained = _pipeline.Drain(_options.DrainTimeout) && (_signalGate?.Flush(_options.DrainTimeout) ?? true);
        ScanProcessed();
        return drained;
    }

    /// <summary>Commits the processed offsets of every assigned partition, or only of <paramref name="only"/>.</summary>
    private void Commit(List<TopicPartitionOffset>? only)
    {
        _toCommit.Clear();
        for (int p = 0; p < _assigned.Length; p++)
        {
            if (!_assigned[p] || (only is not null && !Contains(only, p)))
            {
                continue;
            }

            long next = _processedNext[p];
            if (_badNext[p] > next && _scanned >= _badAfterSequence[p])
            {
                next = _badNext[p];
            }

            if (next > _committedNext[p])
            {
                _toCommit.Add(new TopicPartitionOffset(_options.Topic, p, next));
            }
        }

        if (_toCommit.Count == 0)
        {
            return;
        }

        try
        {
            _consumer.Commit(_toCommit);
            foreach (TopicPartitionOffset committed in _toCommit)
            {
                _committedNext[committed.Partition.Value] = committed.Offset.Value;
            }

            Interlocked.Increment(ref _commits); // read by Commits on other threads
        }
        catch (KafkaException ex)
        {
            // Not fatal: the next commit carries the same or higher offsets; a crash before then only adds duplicates.
            _options.Log?.Invoke("commit failed: " + ex.Error.Reason);
        }
    }

    private static bool Contains(List<TopicPartitionOffset> list, int partition)
    {
        foreach (TopicPartitionOffset item in list)
        {
            if (item.Partition.Value == partition)
            {
                return true;
            }
        }

        return false;
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (TopicPartition tp in partitions)
        {
            int p = tp.Partition.Value;
            if ((uint)p < (uint)_assigned.Length)
            {
                _assigned[p] = true;
                _generation[p]++;
                _processedNext[p] = -1;
                _committedNext[p] = -1;
                _badNext[p] = -1;
                _badAfterSequence[p] = long.MaxValue;
            }
        }

        _options.Log?.Invoke("assigned " + Describe(partitions.Select(tp => tp.Partition.Value)));
        int[] tooHigh = [.. partitions.Select(tp => tp.Partition.Value).Where(p => p >= _assigned.Length)];
        if (tooHigh.Length > 0)
        {
            // Per-partition state is preallocated: fail loudly rather than skip (or dead-letter) those partitions' ticks.
            _error = string.Create(CultureInfo.InvariantCulture,
                $"assigned {Describe(tooHigh)}, above MaxPartitions ({_assigned.Length}); raise KafkaTickBridgeOptions.MaxPartitions");
            _options.Log?.Invoke("kafka bridge stopped on error: " + _error);
            _stopping = true;
        }
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions)
    {
        if (!_aborting)
        {
            // Finish what is in flight so the new owner starts right after it: no loss, no duplicates from us.
            if (!_finalDrainDone && !DrainInFlight())
            {
                _options.Log?.Invoke("revoke: drain timed out; uncommitted ticks will be redelivered");
            }

            Commit(partitions);
        }

        Unassign(partitions);
        _options.Log?.Invoke("revoked " + Describe(partitions.Select(tp => tp.Partition.Value)));
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        // Lost, not revoked: another member may own them already, so committing would be wrong.
        ScanProcessed();
        Unassign(partitions);
        _options.Log?.Invoke("lost " + Describe(partitions.Select(tp => tp.Partition.Value)));
    }

    /// <summary>"partitions 0, 2 of ticks": rebalances are rare, so this may allocate.</summary>
    private string Describe(IEnumerable<int> partitions)
    {
        int[] sorted = [.. partitions.Order()];
        return (sorted.Length == 1 ? "partition " : "partitions ") +
            (sorted.Length == 0 ? "(none)" : string.Join(", ", sorted)) + " of " + _options.Topic;
    }

    private void Unassign(List<TopicPartitionOffset> partitions)
    {
        foreach (TopicPartitionOffset tp in partitions)
        {
            int p = tp.Partition.Value;
            if ((uint)p < (uint)_assigned.Length)
            {
                _assigned[p] = false;
            }
        }
    }
}
