using System.CommandLine;
using System.Globalization;
using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Listing;
using LowLatency.Ticks.Parquet;

namespace LowLatency.Cli.Commands;

/// <summary>
/// <c>ticks ls PATH...</c>: one line per tick file (format, kinds, symbols, time span, events, size), then a totals
/// line. Reads only what each format keeps as metadata unless <c>--count</c> (see <see cref="TickFileDescriber"/>).
/// A file that cannot be read is a line with its problem; the exit code is then 4.
/// </summary>
internal static class TicksListCommand
{
    private const string Unknown = "?";

    public static Command Create(TextWriter output)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Tick files, folders (every tick file under them) or globs ('data/**/*.zip').",
            Arity = ArgumentArity.OneOrMore,
        };
        var count = new Option<bool>("--count")
        {
            Description = "Read every file in full: exact events, rows, kinds, symbols and time span for every format.",
        };
        var input = new TickInputOptions();
        var command = new Command("ls", "List tick files: format, kinds, symbols, time span, events and size, mostly from metadata.")
        {
            paths, count, input.Format, input.Symbol,
        };
        command.SetAction(parse =>
        {
            TickReadOptions options = input.Bind(parse);
            bool full = parse.GetValue(count);
            var rows = new List<(TickFileInfo Info, string Shown)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int notTick = 0;
            foreach (string path in parse.GetValue(paths)!)
            {
                TickInputList list = TickInputList.Expand([path], options.Format, detect: false);
                notTick += list.NotTickFiles;
                string? root = TickInputList.RootOf(path);
                foreach (string file in list.Files)
                {
                    if (seen.Add(Path.GetFullPath(file)))
                    {
                        rows.Add((ParquetTickSources.Describe(file, options, full), root is null ? file : Path.GetRelativePath(root, file)));
                    }
                }
            }

            Write(output, rows, notTick, full);
            return rows.All(r => r.Info.IsReadable) ? ExitCodes.Success : ExitCodes.IncompleteInput;
        });
        return command;
    }

    private static void Write(TextWriter o, List<(TickFileInfo Info, string Shown)> files, int notTick, bool full)
    {
        var table = new List<string[]> { new[] { "FORMAT", "KIND", "SYMBOLS", "FIRST (UTC)", "LAST (UTC)", "EVENTS", "SIZE", "FILE" } };
        foreach ((TickFileInfo info, string shown) in files)
        {
            string file = info.Problem is null ? shown : shown + "  ! " + info.Problem;
            table.Add([
                info.Format == TickFormat.Auto ? Unknown : info.Format.ToString(),
                Kinds(info),
                Symbols(info),
                First(info),
                info.LastTimestampNs is { } last ? Time(last) : Unknown,
                info.EventCount is { } events ? events.ToString("N0", CultureInfo.InvariantCulture) : Unknown,
                info.SizeBytes >= 0 ? Size(info.SizeBytes) : Unknown,
                file,
            ]);
        }

        int[] widths = new int[table[0].Length];
        foreach (string[] row in table)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (string[] row in table)
        {
            var line = new System.Text.StringBuilder();
            for (int i = 0; i < row.Length - 1; i++)
            {
                // Numbers right-aligned, text left-aligned.
                line.Append(i is 5 or 6 ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i])).Append("  ");
            }

            o.WriteLine(line.Append(row[^1]).ToString());
        }

        WriteTotals(o, files.Select(f => f.Info).ToList(), notTick, full);
    }

    private static void WriteTotals(TextWriter o, List<TickFileInfo> files, int notTick, bool full)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        int unreadable = files.Count(f => !f.IsReadable);
        long events = files.Sum(f => f.EventCount ?? 0);
        int notCounted = files.Count(f => f.EventCount is null && f.IsReadable);
        long size = files.Sum(f => Math.Max(0, f.SizeBytes));
        long? first = files.Min(f => f.FirstTimestampNs ?? DayStart(f));
        long? last = files.Max(f => f.LastTimestampNs ?? DayEnd(f) ?? f.FirstTimestampNs);
        string span = first is { } a && last is { } b ? $", {Time(a)[..10]} .. {Time(b)[..10]}" : "";
        o.WriteLine();
        o.WriteLine(string.Create(inv,
            $"total        {files.Count} file(s), {Size(size)}, {events:N0} events{(notCounted > 0 ? $" in the counted files ({notCounted} not counted)" : "")}{span}; {unreadable} unreadable; {notTick} other file(s) left out (not tick files by extension)"));
        if (notCounted > 0 && !full)
        {
            o.WriteLine("not counted  LEAN zips, gzip captures and CSVs keep no row count outside their rows: '?' and a day instead of times; --count reads them in full");
        }
    }

    private static string Kinds(TickFileInfo info) => info.Kinds.Count == 0
        ? Unknown
        : string.Join('+', info.Kinds.Select(k => k == MarketEventKind.Trade ? "trade" : "quote"));

    private static string Symbols(TickFileInfo info)
    {
        IReadOnlyList<string> symbols = info.Symbols;
        string shown = symbols.Count switch
        {
            0 => Unknown,
            <= 3 => string.Join(',', symbols),
            _ => string.Join(',', symbols.Take(2)) + string.Create(CultureInfo.InvariantCulture, $",... ({symbols.Count})"),
        };
        return info.SymbolsComplete || symbols.Count == 0 ? shown : shown + ",...";
    }

    private static string First(TickFileInfo info) => info.FirstTimestampNs is { } first
        ? Time(first)
        : info.Date is { } date ? string.Create(CultureInfo.InvariantCulture, $"day {date:yyyy-MM-dd} {info.DataTimeZone}") : Unknown;

    private static string Time(long ns) =>
        DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    // For the totals' date span: a LEAN day as its UTC date (close enough for a span of dates).
    private static long? DayStart(TickFileInfo f) => f.Date is { } d ? (d.ToDateTime(TimeOnly.MinValue) - DateTime.UnixEpoch).Ticks * 100 : null;

    private static long? DayEnd(TickFileInfo f) => f.Date is { } d ? (d.ToDateTime(TimeOnly.MaxValue) - DateTime.UnixEpoch).Ticks * 100 : null;

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MiB"),
    };
}
