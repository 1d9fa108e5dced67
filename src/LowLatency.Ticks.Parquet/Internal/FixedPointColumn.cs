using System.Globalization;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace LowLatency.Ticks.Parquet.Internal;

/// <summary>
/// One INT64 or DECIMAL column of the row group being read, as <see cref="FixedPoint.Raw"/> values (or, for the
/// timestamp, nanoseconds), into buffers reused from row group to row group. Our own INT64 DECIMAL(18,8) and the
/// timestamp are read as the stored longs; another writer's DECIMAL (pyarrow's FIXED_LEN_BYTE_ARRAY, a smaller scale,
/// a wider precision) through <see cref="decimal"/> and converted exactly. A decimal beyond <see cref="FixedPoint"/>'s
/// range (a DECIMAL(28,8) can hold 10^12) is not converted: its row is <see cref="IsOutOfRange"/>, a bad row for the
/// source to report or skip, not a failure of the whole row group.
/// </summary>
internal sealed class FixedPointColumn
{
    /// <summary>Why an out-of-range cell's row is bad, after the column and the value.</summary>
    public const string OutOfRangeReason = "is beyond the FixedPoint range (magnitude at most 92,233,720,368.54775807)";

    private static readonly decimal s_max = FixedPoint.MaxValue.ToDecimal();
    private static readonly decimal s_min = FixedPoint.MinValue.ToDecimal();

    private readonly bool _raw;
    private long[] _values = [];
    private long?[] _nullable = [];
    private decimal[] _decimals = [];
    private decimal?[] _nullableDecimals = [];
    private bool[] _outOfRange = [];
    private bool _anyOutOfRange;

    /// <summary>A column read as the stored longs (the timestamp).</summary>
    public FixedPointColumn(string name, bool optional)
    {
        _raw = true;
        Field = new DataField<long>(name, optional);
        OutOfRangeLabel = name + " out of range";
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
        OutOfRangeLabel = element.Name + " out of range";
    }

    public DataField Field { get; }

    public string Name => Field.Name;

    /// <summary>"price out of range": the skipped-row reason, built once so counting a skip allocates nothing.</summary>
    public string OutOfRangeLabel { get; }

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

        _anyOutOfRange = false;
        if (_raw)
        {
            (optional ? group.ReadAsync<long>(Field, _nullable.AsMemory(0, rows)) : group.ReadAsync<long>(Field, _values.AsMemory(0, rows)))
                .GetAwaiter().GetResult();
            return;
        }

        if (_outOfRange.Length < rows)
        {
            _outOfRange = new bool[rows];
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
                _nullable[i] = _nullableDecimals[i] is { } d ? ToRaw(d, i) : null;
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
                _values[i] = ToRaw(_decimals[i], i);
            }
        }
    }

    /// <summary>The row's value; false when it is null or <see cref="IsOutOfRange"/>.</summary>
    public bool TryGet(int row, out long value)
    {
        if (_anyOutOfRange && _outOfRange[row])
        {
            value = 0;
            return false;
        }

        if (!Field.IsNullable)
        {
            value = _values[row];
            return true;
        }

        long? v = _nullable[row];
        value = v.GetValueOrDefault();
        return v.HasValue;
    }

    /// <summary>True when the row holds a decimal that <see cref="FixedPoint"/> cannot: see <see cref="Text"/>.</summary>
    public bool IsOutOfRange(int row) => _anyOutOfRange && _outOfRange[row];

    /// <summary>The row's decimal as read, for an error message.</summary>
    public string Text(int row) =>
        (Field.IsNullable ? _nullableDecimals[row].GetValueOrDefault() : _decimals[row]).ToString(CultureInfo.InvariantCulture);

    // The schema allows at most 8 decimals, so only the magnitude can keep a value from being a FixedPoint.
    private long ToRaw(decimal value, int row)
    {
        bool outside = value > s_max || value < s_min;
        _outOfRange[row] = outside;
        _anyOutOfRange |= outside;
        return outside ? 0 : FixedPoint.FromDecimal(value).Raw;
    }
}
