using Parquet;
using Parquet.Schema;

namespace LowLatency.Ticks.Parquet.Internal;

/// <summary>One INT64 column of the row group being read, into buffers reused from row group to row group.</summary>
internal sealed class Int64Column(string name, bool optional)
{
    private long[] _values = [];
    private long?[] _nullable = [];

    public DataField<long> Field { get; } = new(name, optional);

    public string Name => Field.Name;

    public void Read(ParquetRowGroupReader group, int rows)
    {
        if (Field.IsNullable)
        {
            if (_nullable.Length < rows)
            {
                _nullable = new long?[rows];
            }

            group.ReadAsync<long>(Field, _nullable.AsMemory(0, rows)).GetAwaiter().GetResult();
        }
        else
        {
            if (_values.Length < rows)
            {
                _values = new long[rows];
            }

            group.ReadAsync<long>(Field, _values.AsMemory(0, rows)).GetAwaiter().GetResult();
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
