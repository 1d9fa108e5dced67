using System.Globalization;
using LowLatency.Ticks.Parquet.Internal;
using Parquet.Meta;

namespace LowLatency.Ticks.Parquet;

/// <summary>
/// The one table a tick Parquet file holds: a row per event, plain columns that pandas and Polars read as they are.
/// <list type="table">
/// <item><c>timestamp</c>: INT64 TIMESTAMP(isAdjustedToUTC = true, NANOS), exchange time (the event's <c>TimestampNs</c>)</item>
/// <item><c>symbol</c>: BYTE_ARRAY STRING, the instrument</item>
/// <item><c>kind</c>: BYTE_ARRAY STRING, <c>trade</c> or <c>quote</c></item>
/// <item><c>price</c>, <c>size</c>: INT64 DECIMAL(18,8), set on trades, null on quotes</item>
/// <item><c>bid_price</c>, <c>bid_size</c>, <c>ask_price</c>, <c>ask_size</c>: INT64 DECIMAL(18,8), set on quotes, null on trades</item>
/// <item><c>flags</c>: INT32 INTEGER(8, unsigned), <see cref="MarketEventFlags"/> bits: 1 = off-market print</item>
/// </list>
/// DECIMAL(18,8) stores <see cref="FixedPoint.Raw"/> as the unscaled value, so prices and sizes are exact, never
/// floating point; 18 digits hold magnitudes below 10^10. Key-value metadata names the producer and the schema version.
/// </summary>
public static class ParquetTickSchema
{
    public const string FileExtension = ".parquet";

    /// <summary>Version of this table layout, written under <see cref="SchemaVersionKey"/>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Rows per row group: what Polars writes by default; about 20 MB of column buffers to read one.</summary>
    public const int RowGroupRows = 262_144;

    public const int DecimalPrecision = 18;

    public const int DecimalScale = FixedPoint.Decimals;

    public const string Timestamp = "timestamp";
    public const string Symbol = "symbol";
    public const string Kind = "kind";
    public const string Price = "price";
    public const string Size = "size";
    public const string BidPrice = "bid_price";
    public const string BidSize = "bid_size";
    public const string AskPrice = "ask_price";
    public const string AskSize = "ask_size";
    public const string Flags = "flags";

    public const string TradeKind = "trade";
    public const string QuoteKind = "quote";

    /// <summary>Key-value metadata: the schema version (<c>1</c>).</summary>
    public const string SchemaVersionKey = "lowlatency.schema_version";

    /// <summary>Key-value metadata: what wrote the file (<c>LowLatency.Ticks.Parquet 1.2.3</c>).</summary>
    public const string ProducerKey = "lowlatency.producer";

    /// <summary>Key-value metadata: the file's symbols as a JSON array, in the writer's symbol id order; the reader interns
    /// them in that order on open, so ids survive a round trip through a fresh <see cref="SymbolTable"/>.</summary>
    public const string SymbolsKey = "lowlatency.symbols";

    /// <summary>Key-value metadata: one line on the meaning of <c>kind</c> and <c>flags</c>, for a reader without these docs.</summary>
    public const string ColumnsKey = "lowlatency.columns";

    internal const string ColumnsDescription =
        "kind: 'trade' (price, size set) or 'quote' (bid_price, bid_size, ask_price, ask_size set); " +
        "prices and sizes are exact DECIMAL(18,8); timestamp is UTC exchange time in ns; flags & 1 = off-market print (the engine filters it out)";

    internal static readonly ParquetColumn[] Columns =
    [
        new(Timestamp, ParquetPhysicalType.Int64, ParquetLogicalType.TimestampNanosUtc, Optional: false),
        new(Symbol, ParquetPhysicalType.ByteArray, ParquetLogicalType.String, Optional: false),
        new(Kind, ParquetPhysicalType.ByteArray, ParquetLogicalType.String, Optional: false),
        new(Price, ParquetPhysicalType.Int64, ParquetLogicalType.Decimal, Optional: true),
        new(Size, ParquetPhysicalType.Int64, ParquetLogicalType.Decimal, Optional: true),
        new(BidPrice, ParquetPhysicalType.Int64, ParquetLogicalType.Decimal, Optional: true),
        new(BidSize, ParquetPhysicalType.Int64, ParquetLogicalType.Decimal, Optional: true),
        new(AskPrice, ParquetPhysicalType.Int64, ParquetLogicalType.Decimal, Optional: true),
        new(AskSize, ParquetPhysicalType.Int64, ParquetLogicalType.Decimal, Optional: true),
        new(Flags, ParquetPhysicalType.Int32, ParquetLogicalType.UInt8, Optional: false),
    ];

    /// <summary>True when <paramref name="start"/> begins with the Parquet magic <c>PAR1</c>.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> start) => start.StartsWith("PAR1"u8);

    /// <summary>
    /// Checks a file's schema (its footer's flattened schema elements) against the tick table: every column present, at
    /// the top level, with its physical and logical type. Extra columns are allowed and ignored; any column may be
    /// OPTIONAL (pandas and Polars write them so), nulls are checked row by row. Prices and sizes may be any DECIMAL with
    /// at most 8 decimals (pyarrow writes FIXED_LEN_BYTE_ARRAY by default); INT64 DECIMAL(18,8), ours, is read as is,
    /// the others through <see cref="decimal"/>, exactly. Returns null when it fits, with each column's schema element in
    /// <paramref name="found"/>; else the column at fault and the problem (<c>expected ..., found BYTE_ARRAY STRING</c>).
    /// </summary>
    internal static (string Column, string Problem)? Validate(IReadOnlyList<SchemaElement> schema, out SchemaElement[] found)
    {
        found = new SchemaElement[Columns.Length];
        for (int c = 0; c < Columns.Length; c++)
        {
            ParquetColumn column = Columns[c];
            SchemaElement? element = Find(schema, column.Name);
            if (element is null)
            {
                return (column.Name, "missing: a tick Parquet file has the columns " + string.Join(", ", Columns.Select(x => x.Name)));
            }

            if (element.NumChildren is > 0 || element.RepetitionType == FieldRepetitionType.REPEATED)
            {
                return (column.Name, "expected a plain column, found a nested or repeated one");
            }

            if (!Fits(element, column))
            {
                return (column.Name, $"expected {Describe(column)}, found {Describe(element)}");
            }

            found[c] = element;
        }

        return null;
    }

    // Top-level leaves only: schema[0] is the root, its direct children follow with their own subtrees.
    private static SchemaElement? Find(IReadOnlyList<SchemaElement> schema, string name)
    {
        int rootChildren = schema.Count > 0 ? schema[0].NumChildren ?? 0 : 0;
        int index = 1;
        for (int child = 0; child < rootChildren && index < schema.Count; child++)
        {
            SchemaElement element = schema[index];
            if (element.Name == name)
            {
                return element;
            }

            index += 1 + CountDescendants(schema, index);
        }

        return null;
    }

    private static int CountDescendants(IReadOnlyList<SchemaElement> schema, int index)
    {
        int children = schema[index].NumChildren ?? 0, total = 0, next = index + 1;
        for (int i = 0; i < children && next < schema.Count; i++)
        {
            int sub = 1 + CountDescendants(schema, next);
            total += sub;
            next += sub;
        }

        return total;
    }

    private static bool Fits(SchemaElement e, ParquetColumn column) => column.Logical switch
    {
        ParquetLogicalType.TimestampNanosUtc => e.Type == global::Parquet.Meta.Type.INT64
            && e.LogicalType?.TIMESTAMP is { IsAdjustedToUTC: true, Unit.NANOS: not null },
        ParquetLogicalType.String => e.Type == global::Parquet.Meta.Type.BYTE_ARRAY
            && (e.LogicalType?.STRING is not null || e.ConvertedType == ConvertedType.UTF8),
        ParquetLogicalType.Decimal => DecimalOf(e) is { Scale: >= 0 and <= DecimalScale, Precision: > 0 and <= MaxReadPrecision }
            && e.Type is global::Parquet.Meta.Type.INT32 or global::Parquet.Meta.Type.INT64
                or global::Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY or global::Parquet.Meta.Type.BYTE_ARRAY,
        ParquetLogicalType.UInt8 => e.Type == global::Parquet.Meta.Type.INT32
            && (e.LogicalType?.INTEGER is { BitWidth: 8, IsSigned: false } || e.ConvertedType == ConvertedType.UINT_8),
        _ => false,
    };

    // System.Decimal holds 28 digits; a wider DECIMAL could hold values it cannot.
    private const int MaxReadPrecision = 28;

    /// <summary>The DECIMAL annotation of <paramref name="e"/> (logical type first, then the converted type), if any.</summary>
    internal static (int Precision, int Scale)? DecimalOf(SchemaElement e) =>
        e.LogicalType?.DECIMAL is { } d ? (d.Precision, d.Scale)
        : e.ConvertedType == ConvertedType.DECIMAL ? (e.Precision ?? 0, e.Scale ?? 0)
        : null;

    /// <summary>True when <paramref name="e"/> stores <see cref="FixedPoint.Raw"/> as is: INT64 DECIMAL(p,8), as we write.</summary>
    internal static bool IsRawFixedPoint(SchemaElement e) =>
        e.Type == global::Parquet.Meta.Type.INT64 && DecimalOf(e) is { Scale: DecimalScale };

    private static string Describe(ParquetColumn column) => column.Logical switch
    {
        ParquetLogicalType.TimestampNanosUtc => "INT64 TIMESTAMP(NANOS, UTC)",
        ParquetLogicalType.String => "BYTE_ARRAY STRING",
        ParquetLogicalType.Decimal => string.Create(CultureInfo.InvariantCulture, $"INT64 DECIMAL({DecimalPrecision},{DecimalScale}) (or any DECIMAL with at most {DecimalScale} decimals)"),
        _ => "INT32 UINT_8",
    };

    private static string Describe(SchemaElement e)
    {
        string physical = e.Type?.ToString() ?? "no type";
        LogicalType? logical = e.LogicalType;
        string annotation =
            logical?.TIMESTAMP is { } t ? $"TIMESTAMP({(t.Unit.NANOS is not null ? "NANOS" : t.Unit.MICROS is not null ? "MICROS" : "MILLIS")}, {(t.IsAdjustedToUTC ? "UTC" : "local")})"
            : logical?.DECIMAL is { } d ? string.Create(CultureInfo.InvariantCulture, $"DECIMAL({d.Precision},{d.Scale})")
            : logical?.STRING is not null ? "STRING"
            : logical?.INTEGER is { } i ? string.Create(CultureInfo.InvariantCulture, $"INT({i.BitWidth}, {(i.IsSigned ? "signed" : "unsigned")})")
            : e.ConvertedType == ConvertedType.DECIMAL ? string.Create(CultureInfo.InvariantCulture, $"DECIMAL({e.Precision},{e.Scale})")
            : e.ConvertedType?.ToString() ?? "";
        return annotation.Length == 0 ? physical : physical + " " + annotation;
    }
}
