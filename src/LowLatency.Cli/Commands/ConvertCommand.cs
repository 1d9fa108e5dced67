using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Journal;
using LowLatency.Ticks.Parquet;

namespace LowLatency.Cli.Commands;

/// <summary><c>convert IN... --out FILE [--out-format journal|parquet]</c>: any supported inputs, merged in timestamp order, into one
/// tick journal or one Parquet table.</summary>
internal static class ConvertCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Tick files (LEAN .zip, Binance .gz captures, CSV with a header, journals, .parquet), folders (every tick file under them) or globs ('data/**/*.zip').",
            Arity = ArgumentArity.OneOrMore,
        };
        var outFile = new Option<FileInfo>("--out", "-o") { Description = "File to write: a journal (.lltj), or Parquet (--out-format parquet or a .parquet name).", Required = true };
        var outFormat = new Option<ConvertTarget>("--out-format")
        {
            Description = "Output format: Journal or Parquet; default: Parquet when --out ends in .parquet, else Journal.",
            DefaultValueFactory = _ => ConvertTarget.Auto,
            CustomParser = r => OptionParsers.ParseEnum(r, ConvertTarget.Auto),
        };
        var input = new TickInputOptions();
        var capacity = new SymbolCapacityOption();
        var range = new TimeRangeOptions();
        var compression = new JournalCompressionOption();
        var command = new Command("convert", "Convert tick files into one tick journal (or Parquet table), merged in timestamp order.") { inputs, outFile, outFormat };
        input.AddTo(command);
        capacity.AddTo(command);
        range.AddTo(command);
        compression.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(outFile)!.FullName;
            bool parquet = parse.GetValue(outFormat) == ConvertTarget.Parquet
                || (parse.GetValue(outFormat) == ConvertTarget.Auto && path.EndsWith(ParquetTickSchema.FileExtension, StringComparison.OrdinalIgnoreCase));
            if (parquet && compression.IsGiven(parse))
            {
                // Parquet output is always Snappy-compressed: a codec asked for and not applied would be a silent surprise.
                string target = parse.GetResult(outFormat) is { Implicit: false } ? $"--out {path} --out-format parquet" : $"--out {path}";
                throw new OptionException(
                    $"{JournalCompressionOption.Name} {parse.GetValue(compression.Option).ToString().ToLowerInvariant()}: applies to journal output only, and {target} writes Parquet (always Snappy-compressed); drop {JournalCompressionOption.Name} or write a journal.");
            }

            TickTimeRange window = range.Bind(parse);
            TickReadOptions readOptions = input.Bind(parse);
            TickInputList files = TickInputList.Expand(parse.GetValue(inputs)!, readOptions.Format);
            OutputCheck.Refuse([("--out", path)], files.Files);
            SymbolTable symbols = capacity.NewTable(parse);
            long written = 0, outside = 0;
            long start = Stopwatch.GetTimestamp();
            using TickMerger merger = TickInputs.Open(files.Files, symbols, readOptions, window, out int filesOutside);

            // A bad row, an error or a signal ends it before the rename: the output is either complete or untouched.
            string? stoppedBy;
            try
            {
                stoppedBy = AtomicFile.Write("--out", path, error, (temp, stop) =>
                {
                    using ParquetTickWriter? table = parquet ? ParquetTickWriter.Create(temp, symbols) : null;
                    using JournalWriter? journal = parquet ? null : JournalWriter.Create(temp, symbols, compression.WriterOptions(parse));
                    var e = default(MarketEvent);
                    while (!stop.IsCancellationRequested && merger.TryRead(ref e))
                    {
                        if (!window.Contains(e.TimestampNs))
                        {
                            outside++; // read to the end: a source out of time order may still hold ticks inside
                            continue;
                        }

                        if (table is not null)
                        {
                            table.Append(in e);
                        }
                        else
                        {
                            journal!.Append(in e);
                        }

                        written++;
                    }
                });
            }
            catch (ParquetValueOutOfRangeException ex)
            {
                // Valid input the chosen output cannot hold: the output is the option's problem (exit 2), and it is
                // named as given, never the temporary file, which AtomicFile has removed.
                throw new OptionException(string.Create(CultureInfo.InvariantCulture,
                    $"--out {path}: cannot write: {ex.Message}; the output was not written ({written:N0} events had been converted); a journal (.lltj) holds such values."), ex);
            }

            if (stoppedBy is not null)
            {
                return AtomicFile.ReportInterrupted(error, stoppedBy, path, string.Create(CultureInfo.InvariantCulture, $"{written:N0} events had been converted"));
            }

            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"converted {merger.RowsRead:N0} rows from {merger.Sources.Count} input(s) into {written:N0} events in {path} ({seconds:F2} s, {(seconds > 0 ? merger.RowsRead / seconds / 1e6 : 0):F2} M rows/s)"));
            TickLosses losses = merger.Losses;
            files.Skipped.AddTo(losses);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"not ticks (ignored) {merger.IgnoredRows:N0}, bad rows skipped {losses.DescribeSkipped()}, symbols {symbols.Count}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"inputs {files.Describe()}, outside --from/--to {InputLossesWriter.Outside(outside, filesOutside)}"));
            InputLossesWriter.WriteDamage(output, losses);
            return InputLossesWriter.ExitCode(parse.InvocationConfiguration.Error, losses, ExitCodes.Success);
        });
        return command;
    }
}
