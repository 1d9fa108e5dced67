namespace LowLatency.Kafka.Tests;

/// <summary>
/// Tests that redirect <see cref="Console.Error"/> (process-wide) to check nothing is written there: xunit runs this
/// collection alone, so no other test's output lands in the capture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StandardErrorCollection
{
    public const string Name = "Standard error";
}
