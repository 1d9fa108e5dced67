using System.Globalization;
using Confluent.Kafka;

namespace LowLatency.Kafka;

public sealed partial class KafkaTickBridge
{
    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (TopicPartition tp in partitions)
        {
            _ledger.Assign(tp.Partition.Value);
        }

        _options.Log?.Invoke("assigned " + Describe(partitions.Select(tp => tp.Partition.Value)));
        int[] tooHigh = [.. partitions.Select(tp => tp.Partition.Value).Where(p => p >= _ledger.MaxPartitions)];
        if (tooHigh.Length > 0)
        {
            // Per-partition state is preallocated: fail loudly rather than skip (or dead-letter) those partitions' ticks.
            StopOnError(string.Create(CultureInfo.InvariantCulture,
                $"assigned {Describe(tooHigh)}, above MaxPartitions ({_ledger.MaxPartitions}); raise KafkaTickBridgeOptions.MaxPartitions"));
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

    private void Unassign(List<TopicPartitionOffset> partitions)
    {
        foreach (TopicPartitionOffset tp in partitions)
        {
            _ledger.Unassign(tp.Partition.Value);
        }
    }

    /// <summary>"partitions 0, 2 of ticks": rebalances are rare, so this may allocate.</summary>
    private string Describe(IEnumerable<int> partitions)
    {
        int[] sorted = [.. partitions.Order()];
        return (sorted.Length == 1 ? "partition " : "partitions ") +
            (sorted.Length == 0 ? "(none)" : string.Join(", ", sorted)) + " of " + _options.Topic;
    }
}
