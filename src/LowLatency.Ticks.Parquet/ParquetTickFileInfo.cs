namespace LowLatency.Ticks.Parquet;

/// <summary>
/// What a tick Parquet file holds, told by its footer alone (<see cref="ParquetTickFileDescriber.Describe"/>): no row is read.
/// </summary>
/// <param name="Rows">Events in the file.</param>
/// <param name="RowGroups">Row groups in the file.</param>
/// <param name="FirstTimestampNs">Smallest <c>timestamp</c> (UTC ns) by the row groups' statistics; null when the file has no rows or no statistics.</param>
/// <param name="LastTimestampNs">Largest <c>timestamp</c> (UTC ns) by the row groups' statistics; null likewise.</param>
/// <param name="Symbols">The symbols, in the writer's symbol id order, from the <see cref="ParquetTickSchema.SymbolsKey"/> metadata our
/// writer stores; for a file from another writer, the one symbol when the statistics show a single value, else null (unknown).</param>
/// <param name="Producer">The <see cref="ParquetTickSchema.ProducerKey"/> metadata, or the footer's created_by.</param>
/// <param name="SchemaVersion">The <see cref="ParquetTickSchema.SchemaVersionKey"/> metadata, or null for a file from another writer.</param>
public sealed record ParquetTickFileInfo(
    long Rows,
    int RowGroups,
    long? FirstTimestampNs,
    long? LastTimestampNs,
    IReadOnlyList<string>? Symbols,
    string? Producer,
    int? SchemaVersion)
{
    /// <summary>The event kinds present, by the <c>kind</c> column's statistics (empty when they do not say).</summary>
    public IReadOnlyList<MarketEventKind> Kinds { get; init; } = [];
}
