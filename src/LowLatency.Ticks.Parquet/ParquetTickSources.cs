using LowLatency.Ticks.Import;
using LowLatency.Ticks.Listing;

namespace LowLatency.Ticks.Parquet;

/// <summary><see cref="TickSources"/> and <see cref="TickFileDescriber"/> with Parquet: the core tick project tells a
/// Parquet file but cannot read it (Parquet.Net lives here), so a caller that wants every format goes through this.</summary>
public static class ParquetTickSources
{
    /// <summary>
    /// Opens <paramref name="path"/> as <see cref="TickSources.Open"/> does, and a <see cref="TickFormat.Parquet"/> file
    /// (by <see cref="TickReadOptions.Format"/> or detection: a <c>.parquet</c> name or the <c>PAR1</c> magic) with
    /// <see cref="ParquetTickSource"/>.
    /// </summary>
    public static IReadOnlyList<ITickSource> Open(string path, SymbolTable symbols, TickReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        TickFormat format = options.Format == TickFormat.Auto ? TickSources.Detect(path) : options.Format;
        return format == TickFormat.Parquet
            ? [ParquetTickSource.Open(path, symbols, options)]
            : TickSources.Open(path, symbols, options with { Format = format });
    }

    /// <summary>
    /// Describes <paramref name="path"/> as <see cref="TickFileDescriber.Describe"/> does, and a Parquet file from its
    /// footer (<see cref="ParquetTickFileDescriber"/>: rows as the event count, first/last timestamp from the
    /// statistics, symbols from the metadata), reading no row; with <paramref name="count"/>, by reading every row
    /// through <see cref="ParquetTickSource"/> like any other format, so rows a read finds bad are not counted as events
    /// (the first one is the file's problem). Never throws for a bad file: the problem is in
    /// <see cref="TickFileInfo.Problem"/>.
    /// </summary>
    public static TickFileInfo Describe(string path, TickReadOptions options = default, bool count = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        TickFormat format = options.Format;
        if (format == TickFormat.Auto && File.Exists(path))
        {
            try
            {
                format = TickSources.Detect(path);
            }
            catch (TickFormatException)
            {
                // Not told: the describer below reports it.
            }
        }

        if (format != TickFormat.Parquet || !File.Exists(path))
        {
            return TickFileDescriber.Describe(path, options, count);
        }

        long size = new FileInfo(path).Length;
        if (count)
        {
            return SourceFileDescriber.Describe(new TickFileInfo(path, TickFormat.Parquet, size), options with { Format = TickFormat.Parquet, SkipBadRows = false },
                count: true, notCounted: "", static (file, symbols, read) => [ParquetTickSource.Open(file, symbols, read)]);
        }

        try
        {
            ParquetTickFileInfo info = ParquetTickFileDescriber.Describe(path);
            return new TickFileInfo(path, TickFormat.Parquet, size)
            {
                Symbols = info.Symbols ?? [],
                SymbolsComplete = info.Symbols is not null,
                Kinds = info.Kinds,
                FirstTimestampNs = info.FirstTimestampNs,
                LastTimestampNs = info.LastTimestampNs,
                EventCount = info.Rows,
                RowCount = info.Rows,
                Note = "from the Parquet footer (rows, statistics, metadata); --count reads every row",
            };
        }
        catch (Exception ex) when (ex is TickFormatException or IOException or UnauthorizedAccessException)
        {
            string message = ex.Message.ReplaceLineEndings(" ");
            return new TickFileInfo(path, TickFormat.Parquet, size)
            {
                Problem = message.StartsWith(path + ": ", StringComparison.Ordinal) ? message[(path.Length + 2)..] : message,
            };
        }
    }
}
