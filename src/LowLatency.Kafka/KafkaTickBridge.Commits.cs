using Confluent.Kafka;

namespace LowLatency.Kafka;

public sealed partial class KafkaTickBridge
{
    private long _commits;
    private long _nextCommit;
    private bool _finalDrainDone; // bridge thread: the stop's drain ran, so the revoke that Close triggers only commits

    /// <summary>Successful offset commits.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private void ScheduleNextCommit() =>
        _nextCommit = Environment.TickCount64 + (long)_options.CommitInterval.TotalMilliseconds;

    private void CommitIfDue()
    {
        if (Environment.TickCount64 >= _nextCommit)
        {
            ScanProcessed();
            Commit(null);
            ScheduleNextCommit();
        }
    }

    /// <summary>Folds every tick the strategy has finished (and whose signals are acknowledged) into the ledger.</summary>
    private void ScanProcessed()
    {
        long done = Math.Min(_strategyDone.Value, _lastPublished); // first: every signal of a tick up to it is queued by now
        if (_signalGate is not null)
        {
            done = _signalGate.CommittableThrough(done);
        }

        _ledger.Scan(done, _options.Processed);
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
        List<TopicPartitionOffset> toCommit = _ledger.Committable(only);
        if (toCommit.Count == 0)
        {
            return;
        }

        try
        {
            _consumer.Commit(toCommit);
            _ledger.MarkCommitted(toCommit);
            Interlocked.Increment(ref _commits); // read by Commits on other threads
        }
        catch (KafkaException ex)
        {
            // Not fatal: the next commit carries the same or higher offsets; a crash before then only adds duplicates.
            _options.Log?.Invoke("commit failed: " + ex.Error.Reason);
        }
    }
}
