using LowLatency.Ticks.Import;

namespace LowLatency.Ticks.Listing;

/// <summary>
/// Says what a tick file holds without reading every row where the format allows: a journal from its header and block
/// headers, a LEAN zip from its path and zip directory; a Binance capture or a CSV from its first event. With
/// <c>count</c>, every format is read in full for exact counts, kinds, symbols and time span.
/// </summary>
public static class TickFileDescriber
{
    /// <summary>
    /// Describes <paramref name="path"/>, read as <paramref name="options"/>.<see cref="TickReadOptions.Format"/> (or
    /// detected). A Parquet file is described by <c>ParquetTickSources.Describe</c> (LowLatency.Ticks.Parquet), which
    /// calls this for every other format; here it is "this format cannot be described". Never throws for a bad file: a damaged, unreadable or unrecognised file comes back with
    /// <see cref="TickFileInfo.Problem"/> set (and what could be told before the problem).
    /// </summary>
    public static TickFileInfo Describe(string path, TickReadOptions options = default, bool count = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long size = -1;
        TickFormat format = options.Format;
        if (!File.Exists(path))
        {
            return new TickFileInfo(path, format, -1) { Problem = Directory.Exists(path) ? "a folder, not a file" : "file not found" };
        }

        try
        {
            size = new FileInfo(path).Length;
            format = format == TickFormat.Auto ? TickSources.Detect(path) : format;
            options = options with { Format = format, SkipBadRows = false };
            return format switch
            {
                TickFormat.Journal => JournalFileDescriber.Describe(path, size, options, count),
                TickFormat.Lean => LeanFileDescriber.Describe(path, size, options, count),
                TickFormat.Binance => SourceFileDescriber.Describe(new TickFileInfo(path, format, size), options, count,
                    "not counted: the gzip is read in full for that (--count)"),
                TickFormat.Csv => SourceFileDescriber.Describe(new TickFileInfo(path, format, size), options, count,
                    "not counted: the CSV is read in full for that (--count)"),

                // A format read here adds its describer above: one that reads what the file's own metadata says,
                // falling back to SourceFileDescriber for a full read with count. Parquet is read outside this project
                // (Parquet.Net lives in LowLatency.Ticks.Parquet): ParquetTickSources.Describe handles it, then comes here.
                _ => new TickFileInfo(path, format, size) { Problem = "this format cannot be described" },
            };
        }
        catch (Exception ex) when (IsFileProblem(ex))
        {
            return new TickFileInfo(path, format, size) { Problem = ProblemText(path, ex) };
        }
    }

    /// <summary>
    /// A window every tick of <paramref name="path"/> lies in, from its metadata alone (no content read): a LEAN zip's
    /// date and data time zone. False when the format's metadata does not say (then the file has to be read).
    /// </summary>
    public static bool TryGetTimeBounds(string path, TickFormat format, out long firstNs, out long lastNs)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        firstNs = lastNs = 0;
        bool lean = format == TickFormat.Lean ||
            (format == TickFormat.Auto && Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase));
        return lean && LeanFileDescriber.TryGetTimeBounds(path, out firstNs, out lastNs);
    }

    /// <summary>A source's damage lines as one problem text, each without the file name it starts with.</summary>
    internal static string? DamageText(string path, TickLosses losses)
    {
        if (losses.IsComplete)
        {
            return null;
        }

        IEnumerable<string> lines = losses.Damage.Select(d => TickMessages.WithoutPath(d, path));
        return string.Join("; ", losses.Damage.Count > 0 ? lines : [losses.DescribeSkipped() + " rows skipped"]);
    }

    internal static bool IsFileProblem(Exception ex) =>
        ex is TickFormatException or IOException or InvalidDataException or UnauthorizedAccessException or SymbolTableFullException;

    /// <summary>The exception's message, one line, without the file name it usually starts with (the listing shows it).</summary>
    internal static string ProblemText(string path, Exception ex)
    {
        string message = TickMessages.WithoutPath(ex.Message.ReplaceLineEndings(" "), path);
        return ex is TickFormatException ? message : ex.GetType().Name + ": " + message;
    }
}
