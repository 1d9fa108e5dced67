using System.CommandLine;
using System.Globalization;
using LowLatency.Kafka;

namespace LowLatency.Cli.Commands;

/// <summary>
/// <c>bridge mock-cluster</c>: librdkafka's in-process mock brokers on loopback, for trying the bridge (a publisher, two
/// consumers, a rebalance) on one machine without a Kafka installation. Not a broker to keep data in: it lives and dies
/// with this process.
/// </summary>
internal static class BridgeMockClusterCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var brokers = new Option<int>("--broker-count")
        {
            Description = "Mock brokers to start.",
            DefaultValueFactory = _ => 3,
            CustomParser = r => OptionParsers.ParseInt(r, 3, min: 1, max: 16),
        };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Stop after this long; default: run until Ctrl+C or SIGTERM.",
            CustomParser = r => OptionParsers.ParseSeconds(r, 0, min: 0, max: OptionParsers.MaxSeconds),
        };
        var command = new Command("mock-cluster", "Start a local mock Kafka cluster (librdkafka's test brokers) and print its --brokers address; runs until Ctrl+C.")
        {
            brokers, seconds,
        };
        command.SetAction(parse =>
        {
            using var stop = new StopSignal();
            using var cluster = new MockKafkaCluster(parse.GetValue(brokers), TextWriter.Synchronized(error).WriteLine); // warnings: standard error
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mock cluster: {parse.GetValue(brokers)} broker(s); use --brokers {cluster.BootstrapServers}"));
            output.Flush();
            double limit = parse.GetValue(seconds);
            stop.Token.WaitHandle.WaitOne(limit > 0 ? TimeSpan.FromSeconds(limit) : Timeout.InfiniteTimeSpan);
            output.WriteLine("mock cluster stopped");
            return ExitCodes.Success;
        });
        return command;
    }
}
