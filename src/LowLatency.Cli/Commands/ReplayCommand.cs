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
            Description = "Tick files: .lltj journals, LEAN .zip, Binance .gz captures, CSV with a header.",
            Arity = ArgumentArity.OneOrMore,
        };
        var speed = new Option<double>("--speed")
        {
            Description = "'max' (default) or a factor of recorded time: 1x honours recorded gaps, 10x is ten times faster.",
            CustomParser = TimeOptionParsers.ParseSpeed,
        };
        var from = new Option<long?>("--from") { Description = "Replay ticks at or after this UTC time (ISO-8601 or epoch ns).", CustomParser = TimeOptionParsers.ParseUtcTime };
        var to = new Option<long?>("--to") { Description = "Replay ticks before this UTC time (ISO-8601 or epoch ns).", CustomParser = TimeOptionParsers.ParseUtcTime };
        var symbols = new Option<string[]>("--symbols") { Description = "Replay only these comma-separated symbols.", CustomParser = SymbolListParser.Parse };
        var input = new TickInputOptions();
        var pipelineOptions = new PipelineCommandOptions(strategies);

        var command = new Command("replay", "Replay recorded ticks through filter -> aggregator -> strategy, as fast as possible or at recorded pace.")
        {
            inputs, speed, from, to, symbols,
        };
        input.AddTo(command);
        pipelineOptions.AddTo(command);
        command.SetAction(parse =>
        {
            long? fromNs = parse.GetValue(from), toNs = parse.GetValue(to);
            if (fromNs is not null && toNs is not null && fromNs >= toNs)
            {
                throw new OptionException("--from: must be before --to.");
            }

            var job = new ReplayJob(
                parse.GetValue(inputs)!,
                input.Bind(parse),
                pipelineOptions.Bind(parse, producerThreads: 1, recordLatency: true),
                new ReplayOptions
                {
                    Speed = parse.GetValue(speed),
                    FromNs = fromNs,
                    ToNs = toNs,
                    Symbols = parse.GetValue(symbols) is { Length: > 0 } names ? names : null,
                });
            return job.Execute(output, error);
        });
        return command;
    }
}
