using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Market.Ticks.Journal;

namespace LowLatency.Cli.Commands;

/// <summary><c>record --out FILE</c>: the generator's events into a tick journal, for replay later.</summary>
internal static class RecordCommand
{
    public static Command Create(TextWriter output)
    {
        var outFile = new Option<FileInfo>("--out", "-o") { Description = "Journal file to write (.lltj).", Required = true };
        var events = new Option<long>("--events", "-n")
        {
            Description = "Events to record.",
            DefaultValueFactory = _ => 1_000_000,
            CustomParser = r => OptionParsers.ParseCount(r, 1_000_000),
        };
        events.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 1)
            {
                r.AddError("--events: must be at least 1.");
            }
        });
        var seed = new Option<ulong>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 42 };
        var model = new Option<GeneratorModel>("--model") { Description = "Classic or RandomWalk.", DefaultValueFactory = _ => GeneratorModel.Classic };
        var symbols = new Option<string[]>("--symbols") { Description = "Comma-separated symbols (default: AAPL,GOOGL,MSFT).", CustomParser = SymbolListParser.Parse };

        var command = new Command("record", "Record generated market events into a tick journal.") { outFile, events, seed, model, symbols };
        command.SetAction(parse =>
        {
            var generatorOptions = new MarketEventGeneratorOptions
            {
                Seed = parse.GetValue(seed),
                Model = parse.GetValue(model),
                Symbols = parse.GetValue(symbols) is { Length: > 0 } names ? names : null,
            };
            string path = parse.GetValue(outFile)!.FullName;
            long count = parse.GetValue(events);

            var table = new SymbolTable();
            var generator = new MarketEventGenerator(table, generatorOptions);
            long start = Stopwatch.GetTimestamp();
            AtomicFile.Write(path, temp =>
            {
                using JournalWriter writer = JournalWriter.Create(temp, table);
                var e = default(MarketEvent);
                for (long i = 0; i < count; i++)
                {
                    generator.Next(ref e);
                    writer.Append(in e);
                }
            });
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recorded {count:N0} events ({generatorOptions.Model}, seed {generatorOptions.Seed}) to {path}: {new FileInfo(path).Length:N0} bytes in {seconds:F2} s"));
            return ExitCodes.Success;
        });
        return command;
    }
}
