using System.CommandLine;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Cli.Commands;

/// <summary><c>run</c>: generator → ring → filter → aggregator → strategy, then a summary. The README's main job.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output)
    {
        var events = new Option<long>("--events", "-n")
        {
            Description = "Events to generate in total (warm-up included).",
            DefaultValueFactory = _ => 100_000_000,
            CustomParser = r => OptionParsers.ParseCount(r, 100_000_000),
        };
        events.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 1)
            {
                r.AddError("--events: must be at least 1.");
            }
        });

        var symbols = new Option<string[]>("--symbols")
        {
            Description = "Comma-separated symbols to generate (default: AAPL,GOOGL,MSFT).",
            CustomParser = SymbolListParser.Parse,
        };

        var seed = new Option<ulong>("--seed") { Description = "Generator seed: same seed, same events.", DefaultValueFactory = _ => 42 };
        var model = new Option<GeneratorModel>("--model")
        {
            Description = "Generator model: Classic (uniform 100-200 trades) or RandomWalk (quotes and trades on a tick grid).",
            DefaultValueFactory = _ => GeneratorModel.Classic,
        };
        var producers = new Option<int>("--producers")
        {
            Description = "Publishing threads: 1 uses the single-producer sequencer, more the multi-producer one.",
            DefaultValueFactory = _ => 1,
        };
        producers.Validators.Add(r =>
        {
            int v = r.GetValueOrDefault<int>();
            if (v < 1 || v > 64)
            {
                r.AddError($"--producers: must be between 1 and 64 (got {v}).");
            }
        });
        var rate = new Option<long>("--rate")
        {
            Description = "Events per second over all producers, or 'max' (default).",
            CustomParser = OptionParsers.ParseRate,
        };
        var pipelineOptions = new PipelineCommandOptions();

        var command = new Command("run", "Generate market events and push them through filter -> aggregator -> strategy.")
        {
            events, symbols, seed, model, producers, rate,
        };
        pipelineOptions.AddTo(command);
        command.SetAction(parse =>
        {
            int producerCount = parse.GetValue(producers);
            string[]? symbolNames = parse.GetValue(symbols) is { Length: > 0 } names ? names : null;
            int symbolCount = symbolNames?.Length ?? MarketEventGenerator.DefaultSymbols.Length;
            if (producerCount > symbolCount)
            {
                throw new OptionException(
                    $"--producers: {producerCount} producers need at least {producerCount} symbols, one writer per symbol (--symbols gives {symbolCount}).");
            }

            MarketPipelineOptions options = pipelineOptions.Bind(parse,
                producerCount == 1 ? ProducerType.Single : ProducerType.Multi, recordLatency: false);
            var runOptions = new GeneratorRunOptions
            {
                Events = parse.GetValue(events),
                Producers = producerCount,
                EventsPerSecond = parse.GetValue(rate),
                Generator = new MarketEventGeneratorOptions
                {
                    Seed = parse.GetValue(seed),
                    Model = parse.GetValue(model),
                    Symbols = symbolNames,
                },
            };
            return RunJob.Execute(options, runOptions, output);
        });
        return command;
    }
}
