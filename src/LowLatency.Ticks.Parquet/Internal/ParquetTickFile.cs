using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Data;
using Parquet.Meta;

namespace LowLatency.Ticks.Parquet.Internal;

/// <summary>Opening a tick Parquet file and reading its footer: shared by <see cref="ParquetTickSource"/> (rows) and
/// <see cref="ParquetTickFileDescriber"/> (footer only).</summary>
internal static class ParquetTickFile
{
    /// <summary>Opens <paramref name="path"/> and checks its footer's schema against the tick table; throws
    /// <see cref="TickFormatException"/> (one line: the file and the problem) when it does not exist, is not a readable
    /// Parquet file, is not a tick table or has a newer schema version. The caller disposes the reader and the file.</summary>
    internal static (FileStream File, ParquetReader Reader, SchemaElement[] Columns) Open(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TickFormatException(path, 0, -1, null, null, "file not found");
        }

        try
        {
            ParquetReader reader;
            try
            {
                reader = ParquetReader.CreateAsync(file, new ParquetOptions(), true).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new TickFormatException(path, 0, -1, null, null, "not a readable Parquet file: " + OneLine(ex.Message));
            }

            SchemaElement[] columns = [];
            (string Column, string Problem)? problem = reader.Metadata is null
                ? (ParquetTickSchema.Timestamp, "the Parquet footer has no schema")
                : ParquetTickSchema.Validate(reader.Metadata.Schema, out columns);
            if (problem is { } p)
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw new TickFormatException(path, 0, -1, p.Column, null, p.Problem);
            }

            if (reader.CustomMetadata.TryGetValue(ParquetTickSchema.SchemaVersionKey, out string? version)
                && int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > ParquetTickSchema.SchemaVersion)
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw new TickFormatException(path, 0, -1, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"tick schema version {v} is newer than this build reads ({ParquetTickSchema.SchemaVersion})"));
            }

            return (file, reader, columns);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>A string column's single value in a row group, when its statistics show one and no null.</summary>
    internal static string? SingleValue(DataColumnStatistics? stats, bool nullable)
    {
        string? min = AsString(stats?.MinValue), max = AsString(stats?.MaxValue);
        bool noNulls = !nullable || stats?.NullCount == 0;
        return min is { Length: > 0 } && noNulls && string.Equals(min, max, StringComparison.Ordinal) ? min : null;
    }

    internal static string? AsString(object? value) => value switch
    {
        string s => s,
        ReadOnlyMemory<char> m => m.ToString(),
        byte[] b => System.Text.Encoding.UTF8.GetString(b),
        _ => null,
    };

    /// <summary>The <see cref="ParquetTickSchema.SymbolsKey"/> metadata's names; null when it is not a JSON array of strings.</summary>
    internal static List<string>? ParseSymbols(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var symbols = new List<string>();
            foreach (JsonElement element in document.RootElement.EnumerateArray())
            {
                symbols.Add(element.GetString() ?? "");
            }

            return symbols;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    internal static bool IsOptional(SchemaElement element) => element.RepetitionType == FieldRepetitionType.OPTIONAL;

    internal static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
