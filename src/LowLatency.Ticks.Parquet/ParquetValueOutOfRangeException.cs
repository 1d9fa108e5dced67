using System.Globalization;

namespace LowLatency.Ticks.Parquet;

/// <summary>
/// A price or size that the Parquet tick table cannot hold: DECIMAL(18,8) stops below 10^10, while
/// <see cref="FixedPoint"/> (and the journal) go to about 9.2 * 10^10. The event is valid, the output format is too
/// narrow for it; the message names the column, the value and the event (symbol and exchange time).
/// </summary>
public sealed class ParquetValueOutOfRangeException : Exception
{
    public ParquetValueOutOfRangeException(string column, FixedPoint value, string symbol, long timestampNs)
        : base(Describe(column, value, symbol, timestampNs))
    {
        Column = column;
        Value = value;
        Symbol = symbol;
        TimestampNs = timestampNs;
    }

    public ParquetValueOutOfRangeException()
        : this("", default, "", 0)
    {
    }

    public ParquetValueOutOfRangeException(string message)
        : base(message)
    {
        Column = Symbol = "";
    }

    public ParquetValueOutOfRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Column = Symbol = "";
    }

    /// <summary>The tick table's column, e.g. <c>price</c>.</summary>
    public string Column { get; }

    public FixedPoint Value { get; }

    public string Symbol { get; }

    /// <summary>The event's exchange time, ns since the Unix epoch (UTC).</summary>
    public long TimestampNs { get; }

    /// <summary><c>2013-10-08T13:30:00.123456789Z</c>: the event's time to the nanosecond.</summary>
    private static string FormatTime(long timestampNs)
    {
        long seconds = Math.DivRem(timestampNs, 1_000_000_000, out long nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += 1_000_000_000;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UnixEpoch.AddSeconds(seconds):yyyy-MM-dd'T'HH:mm:ss}.{nanos:D9}Z");
    }

    private static string Describe(string column, FixedPoint value, string symbol, long timestampNs) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{column} {value} of {symbol} at {FormatTime(timestampNs)} does not fit Parquet's DECIMAL({ParquetTickSchema.DecimalPrecision},{ParquetTickSchema.DecimalScale}) (magnitude below 10^10)");
}
