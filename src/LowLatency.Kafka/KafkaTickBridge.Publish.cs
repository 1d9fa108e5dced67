using System.Globalization;
using System.Text;
using Confluent.Kafka;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Kafka;

public sealed partial class KafkaTickBridge
{
    private MarketEvent _scratch;

    /// <summary>One consumed message: decoded, then published into the ring with its origin, or counted as bad.</summary>
    private void Handle(ConsumeResult<byte[], byte[]> result)
    {
        Interlocked.Increment(ref _consumed); // read by Consumed on other threads
        int partition = result.Partition.Value;
        long offset = result.Offset.Value;
        if (!_ledger.Tracks(partition))
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

        if (!WaitUntilReusedSlotIsAccounted() || !TryClaim(out long sequence))
        {
            return; // stopping: nothing claimed, the tick stays uncommitted
        }

        MarketEventSlot.Write(ref _ring[sequence], in _scratch);
        _ledger.RecordOrigin(sequence, partition, offset);
        _ring.Publish(sequence); // release: slot and origin are visible to the stages and the signal sink
        Volatile.Write(ref _lastPublished, sequence); // read by Published on other threads
    }

    /// <summary>
    /// The slot (and its origin entry) about to be reused must be accounted first: that needs the strategy to have
    /// finished its tick (ring full otherwise) and, with a signal sink, its signals acknowledged. Waiting here, before
    /// the claim, lets a stop abandon the uncommitted tick (a claimed sequence would have to be published). False when
    /// stopping.
    /// </summary>
    private bool WaitUntilReusedSlotIsAccounted()
    {
        long reused = _lastPublished + 1 - _ring.BufferSize;
        var backOff = default(SpinWait);
        while (reused > _ledger.Scanned)
        {
            ScanProcessed();
            if (reused <= _ledger.Scanned)
            {
                break;
            }

            if (_stopping)
            {
                return false;
            }

            ThrowIfPipelineStopped();
            CommitIfDue(); // what is done meanwhile still gets committed
            backOff.SpinOnce(); // yields, then sleeps: on 2 cores the stages and the client need the CPU this would spin on
        }

        return true;
    }

    private bool TryClaim(out long sequence)
    {
        while (!_ring.TryNext(out sequence))
        {
            if (_stopping)
            {
                return false; // nothing claimed yet
            }

            ThrowIfPipelineStopped();
            Thread.Yield(); // not expected: the strategy has finished the slot the claim reuses
        }

        return true;
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
        StopOnError(string.Create(CultureInfo.InvariantCulture,
            $"symbol table full: {result.Topic} [{result.Partition.Value}] @{result.Offset.Value}{key} brings a new symbol beyond the capacity of {capacity:N0}; consuming stopped before it, and neither it nor anything after it is committed. Raise {_options.SymbolCapacitySetting} (e.g. to {(long)capacity * 2:N0}) and restart: consuming resumes at this tick."));
    }
}
