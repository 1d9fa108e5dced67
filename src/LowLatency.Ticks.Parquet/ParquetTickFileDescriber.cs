using System.Globalization;
using LowLatency.Ticks.Parquet.Internal;
using Parquet;
using Parquet.Data;
using Parquet.Meta;
using Parquet.Schema;

namespace LowLatency.Ticks.Parquet;

/// <summary>
/// Describes a tick Parquet file from its footer alone: rows, row groups, first and last timestamp (row-group
/// statistics), kinds (the <c>kind</c> column's statistics), symbols and producer (key-value metadata). Reads no row,
/// so its row count includes rows a read would find bad: <see cref="ParquetTickSources.Describe"/> reads the file
/// through <see cref="ParquetTickSource"/> instead when asked to count.
/// </summary>
public static class ParquetTickFileDescriber
{
    /// <summary>Describes <paramref name="path"/> from its footer; throws <see cref="TickFormatException"/> like
    /// <see cref="ParquetTickSource.Open"/> for a file that is missing, not Parquet or not a tick table.</summary>
    public static ParquetTickFileInfo Describe(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        (FileStream file, ParquetReader reader, SchemaElement[] columns) = ParquetTickFile.Open(path);
        using (file)
        {
            try
            {
                return DescribeFooter(reader, columns);
            }
            finally
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private static ParquetTickFileInfo DescribeFooter(ParquetReader reader, SchemaElement[] columns)
    {
        // Fields attached to a schema (their paths) to find their columns' statistics.
        var timestamp = new DataField<long>(ParquetTickSchema.Timestamp, ParquetTickFile.IsOptional(columns[0]));
        var symbol = new DataField<string>(ParquetTickSchema.Symbol, ParquetTickFile.IsOptional(columns[1]));
        var kind = new DataField<string>(ParquetTickSchema.Kind, ParquetTickFile.IsOptional(columns[2]));
        _ = new ParquetSchema(timestamp, symbol, kind);

        long? first = null, last = null;
        string? single = null;
        bool oneSymbol = true, trades = false, quotes = false;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            if (group.RowCount == 0)
            {
                continue;
            }

            DataColumnStatistics? stats = group.GetStatistics(timestamp);
            if (stats?.MinValue is long min && stats.MaxValue is long max)
            {
                first = first is null ? min : Math.Min(first.Value, min);
                last = last is null ? max : Math.Max(last.Value, max);
            }

            DataColumnStatistics? kinds = group.GetStatistics(kind);
            foreach (string? value in (string?[])[ParquetTickFile.AsString(kinds?.MinValue), ParquetTickFile.AsString(kinds?.MaxValue)])
            {
                trades |= value == ParquetTickSchema.TradeKind;
                quotes |= value == ParquetTickSchema.QuoteKind;
            }

            string? only = ParquetTickFile.SingleValue(group.GetStatistics(symbol), symbol.IsNullable);
            oneSymbol &= only is not null && (single is null || single == only);
            single ??= only;
        }

        Dictionary<string, string> metadata = reader.CustomMetadata;
        IReadOnlyList<string>? symbols = metadata.TryGetValue(ParquetTickSchema.SymbolsKey, out string? json) ? ParquetTickFile.ParseSymbols(json)
            : oneSymbol && single is not null ? [single] : null;
        int? version = metadata.TryGetValue(ParquetTickSchema.SchemaVersionKey, out string? v)
            && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : null;
        string? producer = metadata.TryGetValue(ParquetTickSchema.ProducerKey, out string? p) ? p : reader.Metadata?.CreatedBy;
        return new ParquetTickFileInfo(reader.Metadata?.NumRows ?? 0, reader.RowGroupCount, first, last, symbols, producer, version)
        {
            Kinds = trades && quotes ? [MarketEventKind.Trade, MarketEventKind.Quote] : trades ? [MarketEventKind.Trade] : quotes ? [MarketEventKind.Quote] : [],
        };
    }
}
