using LowLatency.Market.Internal;

namespace LowLatency.Market;

/// <summary>
/// Fixed-capacity record of signals or fills: keeps the first <see cref="Capacity"/> records by value and counts the
/// rest, so appending never allocates. Per-symbol, per-side counters are exact regardless of capacity.
/// </summary>
/// <remarks>Written by one thread (the strategy stage); read the records after the pipeline has stopped. Each count
/// is one field the writer only increments, so the metrics may read them while it runs: a read is never torn (aligned
/// longs on 64-bit) and never goes back.</remarks>
public abstract class RecordLog<T>
    where T : struct, IOrderRecord
{
    private readonly T[] _records;
    private readonly long[] _countsBySymbolAndSide; // [symbol * 2 + (side - 1)]
    private int _count;
    private long _totalCount;
    private long _buyCount;
    private long _sellCount; // its own field, not total - buys: two reads racing a buy made that negative

    /// <param name="capacity">Records kept (0 keeps none and only counts).</param>
    /// <param name="symbolCapacity">Number of symbol ids counted, normally <see cref="SymbolTable.Capacity"/>.</param>
    protected RecordLog(int capacity, int symbolCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(symbolCapacity);
        _records = new T[capacity];
        _countsBySymbolAndSide = new long[symbolCapacity * 2];
        SymbolCapacity = symbolCapacity;
    }

    public int Capacity => _records.Length;

    public int SymbolCapacity { get; }

    /// <summary>Records stored (at most <see cref="Capacity"/>).</summary>
    public int Count => _count;

    /// <summary>All records appended, stored or not.</summary>
    public long TotalCount => _totalCount;

    /// <summary>Records counted but not stored because the log was full.</summary>
    public long OverflowCount => _totalCount - _count;

    public long BuyCount => _buyCount;

    public long SellCount => _sellCount;

    /// <summary>The stored records, oldest first.</summary>
    public ReadOnlySpan<T> Records => new(_records, 0, _count);

    public ref readonly T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(index), "The index is not below Count.");
            }

            return ref _records[index];
        }
    }

    /// <summary>Exact number of records appended for <paramref name="symbol"/> on <paramref name="side"/>.</summary>
    public long GetCount(SymbolId symbol, SignalSide side)
    {
        if (side == SignalSide.None)
        {
            return 0;
        }

        return _countsBySymbolAndSide[(symbol.Value * 2) + (int)side - 1];
    }

    /// <summary>Counts the record and stores it if there is room. Does not allocate.</summary>
    public void Append(in T record)
    {
        SignalSide side = record.Side;
        int symbol = record.Symbol.Value;
        if ((uint)symbol >= (uint)SymbolCapacity || (side != SignalSide.Buy && side != SignalSide.Sell))
        {
            ThrowHelper.ThrowArgument(nameof(record), "The record needs a symbol below SymbolCapacity and a Buy or Sell side.");
        }

        _countsBySymbolAndSide[(symbol * 2) + (int)side - 1]++;
        if (side == SignalSide.Buy)
        {
            _buyCount++;
        }
        else
        {
            _sellCount++;
        }

        _totalCount++;
        if (_count < _records.Length)
        {
            _records[_count++] = record;
        }
    }

    /// <summary>Forgets all records and counts.</summary>
    public void Clear()
    {
        Array.Clear(_countsBySymbolAndSide);
        _count = 0;
        _totalCount = 0;
        _buyCount = 0;
        _sellCount = 0;
    }
}
