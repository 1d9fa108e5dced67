using Parquet;
using Parquet.Schema;

namespace LowLatency.Tests.Shared;

/// <summary>
/// Writes trades as another writer (pandas/pyarrow, Polars) might make them: every column OPTIONAL, prices and sizes
/// DECIMAL(precision, 8), one second apart. Linked into the reader's and the console's tests, which feed such files
/// to the Parquet import.
/// </summary>
internal static class ForeignParquetTrades
{
    private static readonly string[] s_decimalColumns = ["price", "size", "bid_price", "bid_size", "ask_price", "ask_size"];

    /// <summary>One trade per price, of <paramref name="symbolName"/>, size 1, with its flags (null where given so);
    /// <paramref name="forceByteArrayEncoding"/> stores the decimals as FIXED_LEN_BYTE_ARRAY, as pyarrow does by default.
    /// Returns <paramref name="path"/>.</summary>
    public static async Task<string> WriteAsync(
        string path, string symbolName, int precision, bool forceByteArrayEncoding, decimal[] prices, byte?[] flags)
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var timestamp = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos, isNullable: true);
        var symbol = new DataField<string>("symbol", true);
        var kind = new DataField<string>("kind", true);
        DecimalDataField[] decimals = [.. s_decimalColumns.Select(n => new DecimalDataField(n, precision, 8, forceByteArrayEncoding, isNullable: true))];
        var flagsField = new DataField<byte?>("flags", true);
        int rows = prices.Length;
        await using (FileStream stream = File.Create(path))
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema([timestamp, symbol, kind, .. decimals, flagsField]), stream, cancellationToken: cancel))
        using (ParquetRowGroupWriter group = writer.CreateRowGroup())
        {
            await group.WriteAsync<DateTime>(timestamp, Enumerable.Range(0, rows).Select(i => (DateTime?)DateTime.UnixEpoch.AddSeconds(i)).ToArray(), cancellationToken: cancel);
            await group.WriteAsync(symbol, Enumerable.Repeat(symbolName, rows).ToArray(), null);
            await group.WriteAsync(kind, Enumerable.Repeat("trade", rows).ToArray(), null);
            await group.WriteAsync<decimal>(decimals[0], prices.Select(p => (decimal?)p).ToArray(), cancellationToken: cancel);
            await group.WriteAsync<decimal>(decimals[1], Enumerable.Repeat((decimal?)1m, rows).ToArray(), cancellationToken: cancel);
            for (int i = 2; i < decimals.Length; i++)
            {
                await group.WriteAsync<decimal>(decimals[i], new decimal?[rows], cancellationToken: cancel);
            }

            await group.WriteAsync<byte>(flagsField, flags, cancellationToken: cancel);
        }

        return path;
    }
}
