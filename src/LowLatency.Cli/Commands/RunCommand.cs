using System.CommandLine;
using LowLatency.Market.Generation;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Commands;

/// <summary><c>run</c>: generator → ring → filter → aggregator → strategy, then a summary. The README's main job.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error, StrategyCatalog strategies)
    {
        var generator = new GeneratorCommandOptions(100_000_000, "Events to generate in total (warm-up included).");
        var producers = new Option<int>("--producers")
        {
            Description = "Publishing threads: 1 uses the single-producer sequencer, more the multi-producer one.",
            DefaultValueFactory = _ => 1,
            CustomParser = r => OptionParsers.ParseInt(r, 1, min: 1, max: 64),
        };
        var rate = new Option<long>("--rate")
        {
            Description = "Events per second over all producers, or 'max' (default).",
            CustomParser = OptionParsers.ParseRate,
        };
        var pipelineOptions = new PipelineCommandOptions(strategies);

        var command = new Command("run", "Generate market events and push them through filter -> aggregator -> strategy.")
        {
            producers, rate,
        };
        generator.AddTo(command);
        pipelineOptions.AddTo(command);
        command.SetAction(parse =>
        {
            int producerCount = parse.GetValue(producers);
            int symbolCount = generator.SymbolNames(parse)?.Length ?? MarketEventGenerator.DefaultSymbols.Length;
            if (producerCount > symbolCount)
            {
                throw new OptionException(
                    $"--producers: {producerCount} producers need at least {producerCount} symbols, one writer per symbol (--symbols gives {symbolCount}).");
            }

            PipelineSetup setup = pipelineOptions.Bind(parse, producerCount, recordLatency: true);
            var runOptions = new GeneratorRunOptions
            {
                Events = parse.GetValue(generator.Events),
                Producers = producerCount,
                EventsPerSecond = parse.GetValue(rate),
                Generator = generator.Bind(parse),
            };
            return RunJob.Execute(setup, runOptions, output, error);
        });
        return command;
    }
}
