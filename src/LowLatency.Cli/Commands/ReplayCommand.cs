using System.CommandLine;
using LowLatency.Ticks.Replay;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Commands;

/// <summary><c>replay IN...</c>: recorded ticks (journal or any supported input), merged in time order, through the pipeline.</summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output, TextWriter error, StrategyCatalog strategies)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Tick files (.lltj journals, LEAN .zip, Binance .gz captures, CSV with a header), folders (every tick file under them) or globs ('data/**/*_trade.zip').",
            Arity = ArgumentArity.OneOrMore,
        };
        var speed = new Option<double>("--speed")
        {
            Description = "'max' (default) or a factor of recorded time: 1x honours recorded gaps, 10x is ten times faster.",
            CustomParser = TimeOptionParsers.ParseSpeed,
        };
        var range = new TimeRangeOptions();
        var symbols = new Option<string[]>("--symbols") { Description = "Replay only these comma-separated symbols.", CustomParser = SymbolListParser.Parse };
        var input = new TickInputOptions();
        var pipelineOptions = new PipelineCommandOptions(strategies);

        var command = new Command("replay", "Replay recorded ticks through filter -> aggregator -> strategy, as fast as possible or at recorded pace.")
        {
            inputs, speed, range.From, range.To, symbols,
        };
        input.AddTo(command);
        pipelineOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var job = new ReplayJob(
                parse.GetValue(inputs)!,
                input.Bind(parse),
                pipelineOptions.Bind(parse, producerThreads: 1, recordLatency: true),
                new ReplayOptions
                {
                    Speed = parse.GetValue(speed),
                    Window = range.Bind(parse),
                    Symbols = parse.GetValue(symbols) is { Length: > 0 } names ? names : null,
                });
            return job.Execute(output, error);
        });
        return command;
    }
}
