using Confluent.Kafka;

namespace LowLatency.Kafka.Internal;

/// <summary>
/// The bridge's bookkeeping for at-least-once: where each in-flight ring sequence came from, and per partition the
/// next offset that is processed, committed, or skippable past a bad message. Only offsets whose ticks (and every
/// earlier tick) the strategy has finished become committable. Owned by the bridge thread, except the reads noted.
/// </summary>
internal sealed class OffsetLedger
{
    private readonly string _topic;
    private readonly long _mask;

    // Origin of each ring sequence, indexed by sequence & mask; written before publish, read by the sink and the scan.
    private readonly int[] _originPartition;
    private readonly long[] _originOffset;
    private readonly int[] _originGeneration; // the partition's assignment generation when the tick was published

    // Per-partition commit state.
    private readonly long[] _processedNext;
    private readonly long[] _committedNext;
    private readonly long[] _badNext;
    private readonly long[] _badAfterSequence;
    private readonly bool[] _assigned;
    private readonly long[] _processedCount;
    private readonly int[] _generation; // bumped on every assignment: older in-flight ticks are not ours to commit
    private readonly List<TopicPartitionOffset> _toCommit = [];

    public OffsetLedger(string topic, int ringSize, int maxPartitions)
    {
        _topic = topic;
        _mask = ringSize - 1;
        _originPartition = new int[ringSize];
        _originOffset = new long[ringSize];
        _originGeneration = new int[ringSize];
        _processedNext = new long[maxPartitions];
        _committedNext = new long[maxPartitions];
        _badNext = new long[maxPartitions];
        _badAfterSequence = new long[maxPartitions];
        _assigned = new bool[maxPartitions];
        _processedCount = new long[maxPartitions];
        _generation = new int[maxPartitions];
    }

    /// <summary>Partitions numbered at or above this have no state: <see cref="KafkaTickBridgeOptions.MaxPartitions"/>.</summary>
    public int MaxPartitions => _assigned.Length;

    /// <summary>The highest ring sequence folded in by <see cref="Scan"/>; -1 before any.</summary>
    public long Scanned { get; private set; } = -1;

    public bool Tracks(int partition) => (uint)partition < (uint)_assigned.Length;

    /// <summary>Records where the tick at <paramref name="sequence"/> came from; call before publishing it.</summary>
    public void RecordOrigin(long sequence, int partition, long offset)
    {
        int index = (int)(sequence & _mask);
        _originPartition[index] = partition;
        _originOffset[index] = offset;
        _originGeneration[index] = _generation[partition];
    }

    /// <summary>Any thread, while the slot is in flight (the ring's publish orders the writes before it).</summary>
    public bool TryGetOrigin(long sequence, out int partition, out long offset)
    {
        int index = (int)(sequence & _mask);
        partition = _originPartition[index];
        offset = _originOffset[index];
        return sequence >= 0;
    }

    /// <summary>Any thread: ticks of <paramref name="partition"/> accounted by the last <see cref="Scan"/>.</summary>
    public long ProcessedCount(int partition) =>
        Tracks(partition) ? Volatile.Read(ref _processedCount[partition]) : 0; // acquire: pairs with the write in Scan

    /// <summary>A bad message at <paramref name="offset"/>: committable past it once every tick published before it,
    /// up to <paramref name="lastPublished"/>, is processed (offsets rise within a partition).</summary>
    public void RecordBad(int partition, long offset, long lastPublished)
    {
        if (Tracks(partition))
        {
            _badNext[partition] = offset + 1;
            _badAfterSequence[partition] = lastPublished;
        }
    }

    /// <summary>Folds every tick up to <paramref name="done"/> (finished, and its signals acknowledged) into the
    /// per-partition next offsets, calling <paramref name="processed"/> for each.</summary>
    public void Scan(long done, Action<int, long>? processed)
    {
        for (long s = Scanned + 1; s <= done; s++)
        {
            int index = (int)(s & _mask);
            int partition = _originPartition[index];
            long offset = _originOffset[index];
            if (_originGeneration[index] != _generation[partition])
            {
                continue; // from an earlier assignment of that partition: its new owner commits it (or already has)
            }

            _processedNext[partition] = offset + 1;
            Volatile.Write(ref _processedCount[partition], _processedCount[partition] + 1); // release: read by ProcessedCount
            processed?.Invoke(partition, offset);
        }

        if (done > Scanned)
        {
            Scanned = done;
        }
    }

    /// <summary>The offsets to commit for every assigned partition, or only for <paramref name="only"/>; empty when
    /// nothing moved. The list is reused: pass it to <see cref="MarkCommitted"/> once the commit succeeded.</summary>
    public List<TopicPartitionOffset> Committable(List<TopicPartitionOffset>? only)
    {
        _toCommit.Clear();
        for (int p = 0; p < _assigned.Length; p++)
        {
            if (!_assigned[p] || (only is not null && !Contains(only, p)))
            {
                continue;
            }

            long next = _processedNext[p];
            if (_badNext[p] > next && Scanned >= _badAfterSequence[p])
            {
                next = _badNext[p];
            }

            if (next > _committedNext[p])
            {
                _toCommit.Add(new TopicPartitionOffset(_topic, p, next));
            }
        }

        return _toCommit;
    }

    public void MarkCommitted(List<TopicPartitionOffset> committed)
    {
        foreach (TopicPartitionOffset c in committed)
        {
            _committedNext[c.Partition.Value] = c.Offset.Value;
        }
    }

    /// <summary>A new assignment of <paramref name="partition"/>: its state starts over, and ticks still in flight from
    /// an earlier one are no longer ours to commit.</summary>
    public void Assign(int partition)
    {
        if (Tracks(partition))
        {
            _assigned[partition] = true;
            _generation[partition]++;
            _processedNext[partition] = -1;
            _committedNext[partition] = -1;
            _badNext[partition] = -1;
            _badAfterSequence[partition] = long.MaxValue;
        }
    }

    public void Unassign(int partition)
    {
        if (Tracks(partition))
        {
            _assigned[partition] = false;
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
}
