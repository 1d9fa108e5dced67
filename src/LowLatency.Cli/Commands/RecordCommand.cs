using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Ticks.Journal;

namespace LowLatency.Cli.Commands;

/// <summary><c>record --out FILE</c>: the generator's events into a tick journal, for replay later.</summary>
internal static class RecordCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outFile = new Option<FileInfo>("--out", "-o") { Description = "Journal file to write (.lltj).", Required = true };
        var generator = new GeneratorCommandOptions(1_000_000, "Events to record.");
        var capacity = new SymbolCapacityOption();
        var compression = new JournalCompressionOption();

        var command = new Command("record", "Record generated market events into a tick journal.") { outFile };
        generator.AddTo(command);
        capacity.AddTo(command);
        compression.AddTo(command);
        command.SetAction(parse =>
        {
            MarketEventGeneratorOptions generatorOptions = generator.Bind(parse);
            string path = parse.GetValue(outFile)!.FullName;
            long count = parse.GetValue(generator.Events);

            SymbolTable table = capacity.NewTable(parse);
            var source = new MarketEventGenerator(table, generatorOptions);
            long start = Stopwatch.GetTimestamp();
            long recorded = 0;
            string? stoppedBy = AtomicFile.Write("--out", path, error, (temp, stop) =>
            {
                using JournalWriter writer = JournalWriter.Create(temp, table, compression.WriterOptions(parse));
                var e = default(MarketEvent);
                for (; recorded < count && !stop.IsCancellationRequested; recorded++)
                {
                    source.Next(ref e);
                    writer.Append(in e);
                }
            });
            if (stoppedBy is not null)
            {
                return AtomicFile.ReportInterrupted(error, stoppedBy, path, string.Create(CultureInfo.InvariantCulture, $"{recorded:N0} of {count:N0} events had been recorded"));
            }

            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recorded {count:N0} events ({generatorOptions.Model}, seed {generatorOptions.Seed}) to {path}: {new FileInfo(path).Length:N0} bytes in {seconds:F2} s"));
            return ExitCodes.Success;
        });
        return command;
    }
}
