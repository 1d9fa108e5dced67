using LowLatency.Benchmarks.Macro;
using LowLatency.Kafka;

namespace LowLatency.Benchmarks.Kafka;

/// <summary>
/// Holds a <see cref="KafkaTickBridge"/>'s thread inside its first partition assignment, so a benchmark can start
/// measuring after the group join but before the first fetch. It hooks <see cref="KafkaTickBridgeOptions.Log"/>: the
/// bridge logs "assigned ..." at the end of its assignment callback, before the client applies the assignment, so
/// blocking there delays every fetch. Both waits are bounded by <see cref="BoundedSpin.Timeout"/>.
/// </summary>
internal sealed class BridgeHold : IDisposable
{
    private readonly ManualResetEventSlim _assigned = new();
    private readonly ManualResetEventSlim _released = new();
    private volatile bool _expired;

    /// <summary>The bridge's log callback (runs on the bridge thread): blocks on the first assignment until <see cref="Release"/>.</summary>
    public void OnLog(string line)
    {
        if (!line.StartsWith("assigned", StringComparison.Ordinal) || _released.IsSet)
        {
            return;
        }

        _assigned.Set();
        _expired = !_released.Wait(BoundedSpin.Timeout);
    }

    /// <summary>Waits until the bridge has joined its group and been given partitions.</summary>
    public void WaitUntilAssigned()
    {
        if (!_assigned.Wait(BoundedSpin.Timeout))
        {
            BoundedSpin.ThrowTimeout("the bridge's group join");
        }
    }

    /// <summary>True when the hold timed out before <see cref="Release"/>: the bridge consumed before the measurement.</summary>
    public bool Expired => _expired;

    /// <summary>Lets the bridge go on.</summary>
    public void Release() => _released.Set();

    public void Dispose()
    {
        _assigned.Dispose();
        _released.Dispose();
    }
}
