using System.Text.Json;

namespace LowLatency.Kafka.Tests;

/// <summary>The fields of a signal message (<see cref="KafkaSignalSink"/>'s JSON) that tests compare.</summary>
internal readonly record struct PublishedSignal(long Sequence, string Side, string Type, string Reason, int SourcePartition, long SourceOffset)
{
    public (int Partition, long Offset) Source => (SourcePartition, SourceOffset);

    public static PublishedSignal Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        return new PublishedSignal(root.GetProperty("sequence").GetInt64(), root.GetProperty("side").GetString()!,
            root.GetProperty("type").GetString()!, root.GetProperty("reason").GetString()!,
            root.GetProperty("sourcePartition").GetInt32(), root.GetProperty("sourceOffset").GetInt64());
    }
}
