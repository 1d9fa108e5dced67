using LowLatency.Ticks.Import;

namespace LowLatency.Ticks.Parquet;

/// <summary><see cref="TickSources"/> with Parquet: the core tick project tells a Parquet file but cannot read it
/// (Parquet.Net lives here), so a caller that wants every format opens through this.</summary>
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
}
