using System.Text.Json.Serialization;

namespace LowLatency.Benchmarks.Latency;

/// <summary>Source-generated serializer for <c>report.json</c> (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LatencyReport))]
internal sealed partial class LatencyJsonContext : JsonSerializerContext;
