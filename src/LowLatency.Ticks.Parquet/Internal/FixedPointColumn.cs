using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace LowLatency.Ticks.Parquet.Internal;

/// <summary>
/// One INT64 or DECIMAL column of the row group being read, as <see cref="FixedPoint.Raw"/> values (or, for the
/// timestamp, nanoseconds), into buffers reused from row group to row group. Our own INT64 DECIMAL(18,8) and the
/// timestamp are read as the stored longs; another writer's DECIMAL (pyarrow's FIXED_LEN_BYTE_ARRAY, a smaller scale)
/// through <see cref="decimal"/> and converted exactly.
/// </summary>
internal sealed class FixedPointColumn
{
    private readonly bool _raw;
    private long[] _values = [];
    private long?[] _nullable = [];
    private decimal[] _decimals = [];
    private decimal?[] _nullableDecimals = [];

    /// <summary>A column read as the stored longs (the timestamp).</summary>
    public FixedPointColumn(string name, bool optional)
    {
        _raw = true;
        Field = new DataField<long>(name, optional);
    }

    /// <summary>A price or size column described by the file's <paramref name="element"/>.</summary>
    public FixedPointColumn(SchemaElement element)
    {
        bool optional = element.RepetitionType == FieldRepetitionType.OPTIONAL;
        _raw = ParquetTickSchema.IsRawFixedPoint(element);
        (int precision, int scale) = ParquetTickSchema.DecimalOf(element) ?? (ParquetTickSchema.DecimalPrecision, ParquetTickSchema.DecimalScale);
        Field = _raw
            ? new DataField<long>(element.Name, optional)
            : new DecimalDataField(element.Name, precision, scale, element.Type != global::Parquet.Meta.Type.INT32 && element.Type != global::Parquet.Meta.Type.INT64, optional);
    }

    public DataField Field { get; }

    public string Name => Field.Name;

    public void Read(ParquetRowGroupReader group, int rows)
    {
        bool optional = Field.IsNullable;
        if (optional && _nullable.Length < rows)
        {
            _nullable = new long?[rows];
        }
        else if (!optional && _values.Length < rows)
        {
            _values = new long[rows];
        }

        if (_raw)
        {
            (optional ? group.ReadAsync<long>(Field, _nullable.AsMemory(0, rows)) : group.ReadAsync<long>(Field, _values.AsMemory(0, rows)))
                .GetAwaiter().GetResult();
            return;
        }

        if (optional)
        {
            if (_nullableDecimals.Length < rows)
            {
                _nullableDecimals = new decimal?[rows];
            }

            group.ReadAsync<decimal>(Field, _nullableDecimals.AsMemory(0, rows)).GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++)
            {
                _nullable[i] = _nullableDecimals[i] is { } d ? FixedPoint.FromDecimal(d).Raw : null;
            }
        }
        else
        {
            if (_decimals.Length < rows)
            {
                _decimals = new decimal[rows];
            }

            group.ReadAsync<decimal>(Field, _decimals.AsMemory(0, rows)).GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++)
            {
                _values[i] = FixedPoint.FromDecimal(_decimals[i]).Raw;
            }
        }
    }

    public bool TryGet(int row, out long value)
    {
        if (!Field.IsNullable)
        {
            value = _values[row];
            return true;
        }

        long? v = _nullable[row];
        value = v.GetValueOrDefault();
        return v.HasValue;
    }
}
