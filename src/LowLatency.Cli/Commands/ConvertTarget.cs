namespace LowLatency.Cli.Commands;

/// <summary>What <c>convert</c> writes (<c>--out-format</c>).</summary>
internal enum ConvertTarget
{
    /// <summary>Parquet when the <c>--out</c> name ends in <c>.parquet</c>, else a tick journal.</summary>
    Auto,

    /// <summary>A tick journal (<c>.lltj</c>).</summary>
    Journal,

    /// <summary>A Parquet table that pandas and Polars read directly (see <c>ParquetTickSchema</c>).</summary>
    Parquet,
}
