using LowLatency.Market.Internal;

namespace LowLatency.Market;

/// <summary>
/// Fixed-capacity record of signals: keeps the first <see cref="Capacity"/> signals by value and counts the rest,
/// so appending never allocates. Per-symbol, per-side counters are exact regardless of capacity.
/// </summary>
/// <remarks>Written by one thread (the strategy stage); read it after the pipeline has stopped.</remarks>
public sealed class SignalLog
{
    private readonly Signal[] _signals;
    private readonly long[] _countsBySymbolAndSide; // [symbol * 2 + (side - 1)]
    private int _count;
    private long _totalCount;
    private long _buyCount;

    /// <param name="capacity">Signals kept (0 keeps none and only counts).</param>
    /// <param name="symbolCapacity">Number of symbol ids counted, normally <see cref="SymbolTable.Capacity"/>.</param>
    public SignalLog(int capacity, int symbolCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(symbolCapacity);
        _signals = new Signal[capacity];
        _countsBySymbolAndSide = new long[symbolCapacity * 2];
        SymbolCapacity = symbolCapacity;
    }

    public int Capacity => _signals.Length;

    /// <summary>
    /// Receives every signal as it is appended, on the strategy's thread (e.g. a CSV writer). Set it before the
    /// pipeline starts; it must not allocate per signal.
    /// </summary>
    public ISignalSink? Sink { get; set; }

    public int SymbolCapacity { get; }

    /// <summary>Signals stored (at most <see cref="Capacity"/>).</summary>
    public int Count => _count;

    /// <summary>All signals appended, stored or not.</summary>
    public long TotalCount => _totalCount;

    /// <summary>Signals counted but not stored because the log was full.</summary>
    public long OverflowCount => _totalCount - _count;

    public long BuyCount => _buyCount;

    public long SellCount => _totalCount - _buyCount;

    /// <summary>The stored signals, oldest first.</summary>
    public ReadOnlySpan<Signal> Signals => new(_signals, 0, _count);

    public ref readonly Signal this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(index), "The index is not below Count.");
            }

            return ref _signals[index];
        }
    }

    /// <summary>Exact number of signals appended for <paramref name="symbol"/> on <paramref name="side"/>.</summary>
    public long GetCount(SymbolId symbol, SignalSide side)
    {
        if (side == SignalSide.None)
        {
            return 0;
        }

        return _countsBySymbolAndSide[(symbol.Value * 2) + (int)side - 1];
    }

    /// <summary>Counts the signal and stores it if there is room. Does not allocate.</summary>
    public void Append(in Signal signal)
    {
        if ((uint)signal.Symbol.Value >= (uint)SymbolCapacity || (signal.Side != SignalSide.Buy && signal.Side != SignalSide.Sell))
        {
            ThrowHelper.ThrowArgument(nameof(signal), "The signal needs a symbol below SymbolCapacity and a Buy or Sell side.");
        }

        _countsBySymbolAndSide[(signal.Symbol.Value * 2) + (int)signal.Side - 1]++;
        if (signal.Side == SignalSide.Buy)
        {
            _buyCount++;
        }

        _totalCount++;
        if (_count < _signals.Length)
        {
            _signals[_count++] = signal;
        }

        Sink?.OnSignal(in signal);
    }

    /// <summary>Forgets all signals and counts.</summary>
    public void Clear()
    {
        Array.Clear(_countsBySymbolAndSide);
        _count = 0;
        _totalCount = 0;
        _buyCount = 0;
    }
}
