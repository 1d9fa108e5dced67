using System.CommandLine;
using LowLatency.Kafka;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Commands;

/// <summary><c>bridge consume</c>: a tick topic through filter -> aggregator -> strategy, until Ctrl+C or SIGTERM.</summary>
internal static class BridgeConsumeCommand
{
    public static Command Create(TextWriter output, TextWriter error, StrategyCatalog strategies)
    {
        var kafka = new KafkaCommandOptions();
        var pipeline = new PipelineCommandOptions(strategies);
        var group = new Option<string>("--group") { Description = "Consumer group id: consumers in one group split the partitions.", Required = true, CustomParser = OptionParsers.ParseName };
        var signals = new Option<string?>("--signals-topic") { Description = "Publish strategy signals (with the tick's partition and offset) to this topic.", CustomParser = OptionParsers.ParseName };
        var deadLetters = new Option<string?>("--dead-letter-topic") { Description = "Copy bad messages here with the reason in a header (they are counted by reason and logged either way).", CustomParser = OptionParsers.ParseName };
        var timestampUnit = new Option<JsonTimestampUnit>("--timestamp-unit")
        {
            Description = "Unit of numeric JSON timestamps: Nanoseconds (default), Microseconds, Milliseconds, Seconds. A JSON tick without a timestamp, or with one outside 2000..2100 in this unit, is a bad message.",
            DefaultValueFactory = _ => JsonTimestampUnit.Nanoseconds,
            CustomParser = r => OptionParsers.ParseEnum(r, JsonTimestampUnit.Nanoseconds),
        };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Stop gracefully after this long; default: run until Ctrl+C or SIGTERM.",
            CustomParser = r => OptionParsers.ParseSeconds(r, 0, min: 0, max: OptionParsers.MaxSeconds),
        };
        var maxEvents = new Option<long>("--max-events")
        {
            Description = "Stop gracefully once this many ticks went through the strategy (ticks in flight finish too).",
            CustomParser = r => OptionParsers.ParseCount(r, 0, min: 0),
        };
        var command = new Command("consume", "Consume a tick topic through filter -> aggregator -> strategy, at least once: offsets are committed after the strategy stage. Runs until Ctrl+C or SIGTERM, then drains, commits and prints a summary.")
;
        kafka.AddTo(command); // where first, then what
        foreach (Option option in (Option[])[group, signals, deadLetters, timestampUnit, seconds, maxEvents])
        {
            command.Options.Add(option);
        }

        pipeline.AddTo(command);
        command.SetAction(parse =>
        {
            var job = new BridgeConsumeJob(
                kafka.Bind(parse),
                new KafkaTickBridgeOptions
                {
                    Topic = parse.GetValue(kafka.Topic)!,
                    GroupId = parse.GetValue(group)!,
                    DeadLetterTopic = parse.GetValue(deadLetters),
                    TimestampUnit = parse.GetValue(timestampUnit),
                    SymbolCapacitySetting = SymbolCapacityOption.Name,
                },
                parse.GetValue(signals),
                pipeline.Bind(parse, producerThreads: 1, recordLatency: true),
                parse.GetValue(seconds) > 0 ? TimeSpan.FromSeconds(parse.GetValue(seconds)) : null,
                parse.GetValue(maxEvents));
            return job.Execute(output, error);
        });
        return command;
    }
}
