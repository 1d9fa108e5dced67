using System.Globalization;
using Confluent.Kafka;

namespace LowLatency.Kafka;

public sealed partial class KafkaTickBridge
{
    private readonly long[] _badByReason = new long[(int)TickDecodeResult.SymbolTableFull + 1];
    private long _bad;

    /// <summary>Bad messages (counted by reason, logged, dead-lettered when configured, committed past).</summary>
    public long BadMessages => Interlocked.Read(ref _bad);

    /// <summary>Bad messages of one <paramref name="reason"/>; they add up to <see cref="BadMessages"/>.</summary>
    public long BadMessagesOf(TickDecodeResult reason) =>
        reason is > TickDecodeResult.Ok and < TickDecodeResult.SymbolTableFull ? Interlocked.Read(ref _badByReason[(int)reason]) : 0;

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
        if (_deadLetters is not null && !_deadLetters.TryCopy(result, reason, _options.DrainTimeout))
        {
            // Committing past a message whose only copy was not confirmed would lose it: stop before it, as for a
            // full symbol table, so a restart (with the dead-letter topic fixed) meets it again.
            StopOnError(string.Create(CultureInfo.InvariantCulture,
                $"dead-letter copy of {result.Topic} [{partition}] @{result.Offset.Value} to {_deadLetters.Topic} was not confirmed; consuming stopped before it, and neither it nor anything after it is committed."));
            return;
        }

        _ledger.RecordBad(partition, result.Offset.Value, _lastPublished);
    }
}
