using System.CommandLine;
using System.Globalization;
using LowLatency.Engine;
using LowLatency.Kafka;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Market.Ticks;
using LowLatency.Market.Ticks.Import;

namespace LowLatency.Cli.Commands;

/// <summary><c>bridge publish|consume</c>: ticks to a Kafka topic, and a topic through the pipeline to a signals topic.</summary>
internal static class BridgeCommand
{
    public static Command Create(TextWriter output, TextWriter error) => new("bridge", "Kafka bridge: publish ticks to a topic, or consume a topic through the pipeline.")
    {
        CreatePublish(output),
        CreateConsume(output, error),
    };

    private static Option<string> Brokers() => new("--brokers") { Description = "bootstrap.servers of the cluster.", Required = true };

    private static Option<string[]> Properties() => new("--property", "-X")
    {
        Description = "Extra librdkafka property key=value (security.protocol, sasl.*, ssl.*); repeatable. Values are never printed.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static KafkaSettings Settings(ParseResult parse, Option<string> brokers, Option<string[]> properties)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in parse.GetValue(properties) ?? [])
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new OptionException("--property: expected key=value (got a value without '=').");
            }

            map[pair[..eq]] = pair[(eq + 1)..];
        }

        return new KafkaSettings { BootstrapServers = parse.GetValue(brokers)!, Properties = map };
    }

    private static Command CreatePublish(TextWriter output)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Tick files; none means the synthetic generator.", Arity = ArgumentArity.ZeroOrMore };
        var brokers = Brokers();
        var properties = Properties();
        var topic = new Option<string>("--topic") { Description = "Tick topic.", Required = true };
        var count = new Option<long>("--count") { Description = "Events to generate (generator only).", DefaultValueFactory = _ => 100_000 };
        var command = new Command("publish", "Publish ticks (files or the generator) to a topic, keyed by symbol.")
        {
            inputs, brokers, properties, topic, count,
        };
        command.SetAction(parse =>
        {
            var symbols = new SymbolTable();
            using var publisher = new KafkaTickPublisher(Settings(parse, brokers, properties), parse.GetValue(topic)!, symbols);
            string[] files = parse.GetValue(inputs) ?? [];
            if (files.Length == 0)
            {
                publisher.PublishGenerated(new MarketEventGenerator(symbols, new MarketEventGeneratorOptions()), parse.GetValue(count));
            }

            foreach (string file in files)
            {
                foreach (ITickSource source in TickSources.Open(file, symbols, new TickReadOptions()))
                {
                    using (source)
                    {
                        publisher.PublishAll(source);
                    }
                }
            }

            bool flushed = publisher.Flush(TimeSpan.FromSeconds(30));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"published {publisher.Published} ticks, delivered {publisher.Delivered}, failed {publisher.Failed}{(flushed ? "" : ", flush timed out")}"));
            return flushed && publisher.Failed == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    private static Command CreateConsume(TextWriter output, TextWriter error)
    {
        var brokers = Brokers();
        var properties = Properties();
        var topic = new Option<string>("--topic") { Description = "Tick topic.", Required = true };
        var group = new Option<string>("--group") { Description = "Consumer group id.", Required = true };
        var signals = new Option<string?>("--signals-topic") { Description = "Publish strategy signals to this topic." };
        var deadLetters = new Option<string?>("--dead-letter-topic") { Description = "Copy undecodable messages here." };
        var duration = new Option<double>("--seconds") { Description = "Run this long, then stop gracefully.", DefaultValueFactory = _ => 10 };
        var command = new Command("consume", "Consume a tick topic through filter -> aggregator -> strategy (at least once).")
        {
            brokers, properties, topic, group, signals, deadLetters, duration,
        };
        command.SetAction(parse =>
        {
            KafkaSettings settings = Settings(parse, brokers, properties);
            var symbols = new SymbolTable();
            using var pipeline = new MarketPipeline(symbols, new MarketPipelineOptions { ProducerType = ProducerType.Single, RingSize = 1 << 14 });
            using var bridge = new KafkaTickBridge(settings, new KafkaTickBridgeOptions
            {
                Topic = parse.GetValue(topic)!,
                GroupId = parse.GetValue(group)!,
                DeadLetterTopic = parse.GetValue(deadLetters),
                Log = error.WriteLine,
            }, pipeline);
            string? signalsTopic = parse.GetValue(signals);
            using KafkaSignalSink? sink = signalsTopic is null ? null : new KafkaSignalSink(settings, signalsTopic, symbols, bridge);
            pipeline.Strategy.Signals.Sink = sink;
            pipeline.Start();
            bridge.Start();
            Thread.Sleep(TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(duration))));
            bool stopped = bridge.Stop(TimeSpan.FromSeconds(15));
            pipeline.Shutdown(TimeSpan.FromSeconds(5));
            sink?.Flush(TimeSpan.FromSeconds(10));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"consumed {bridge.Consumed}, processed {bridge.Published}, bad {bridge.BadMessages}, commits {bridge.Commits}, signals {pipeline.Strategy.Signals.TotalCount} (delivered {sink?.Delivered ?? 0}, dropped {sink?.Dropped ?? 0})"));
            return stopped ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }
}
