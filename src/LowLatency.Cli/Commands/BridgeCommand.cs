using System.CommandLine;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Commands;

/// <summary><c>bridge publish|consume|mock-cluster</c>: ticks to a Kafka topic, a topic through the pipeline, a local test cluster.</summary>
internal static class BridgeCommand
{
    public static Command Create(TextWriter output, TextWriter error, StrategyCatalog strategies) => new("bridge", "Kafka bridge: publish ticks to a topic, consume a topic through the pipeline, or start a local mock cluster.")
    {
        BridgePublishCommand.Create(output, error),
        BridgeConsumeCommand.Create(output, error, strategies),
        BridgeMockClusterCommand.Create(output, error),
    };
}
