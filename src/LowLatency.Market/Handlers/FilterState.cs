using System.Runtime.CompilerServices;
using LowLatency.Market.Internal;

namespace LowLatency.Market.Handlers;

/// <summary>
/// Rules, per-symbol history and counters of the filter stage. Per-symbol arrays are sized by
/// <see cref="SymbolTable.Capacity"/> once, so <see cref="Apply"/> never allocates.
/// </summary>
/// <remarks>
/// Rules, first failure wins: kind (<see cref="FilterReason.UnknownKind"/>), symbol
/// (<see cref="FilterReason.UnknownSymbol"/>: not in the table or not allowed), prices positive, sizes positive, sizes
/// within bounds, trade not an off-market print, quote not crossed, prices within the band around the symbol's last accepted price, timestamp not
/// earlier than the symbol's last accepted one, timestamp not stale. Only accepted events update the history (last
/// price, last timestamp, newest timestamp), so one bad print cannot poison the checks that follow it.
/// Written by the filter thread only; read the counters after the pipeline has stopped.
/// </remarks>
public sealed class FilterState
{
    private readonly SymbolTable _symbols;
    private readonly bool[]? _allowed;
    private readonly long _minSizeRaw;
    private readonly long _maxSizeRaw;
    private readonly long _bandRaw;
    private readonly long _maxStalenessNs;

    // Per symbol: reference price for the band (0 = none yet) and last accepted exchange timestamp.
    private readonly long[] _lastPriceRaw;
    private readonly long[] _lastTimestampNs;
    private readonly long[] _filteredBySymbol;

    // Index 0 counts accepted events, index r counts FilterReason r.
    private readonly long[] _counts;
    private long _newestTimestampNs = long.MinValue;

    public FilterState(SymbolTable symbols, in FilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (options.MinSize.Raw < 0 || options.MaxSize < options.MinSize)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "Size bounds need 0 <= MinSize <= MaxSize.");
        }

        if (options.PriceBand.Raw != 0 && options.PriceBand.Raw < FixedPoint.Scale)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "PriceBand must be 0 (off) or at least 1.");
        }

        if (options.MaxStalenessNs < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "MaxStalenessNs must be 0 (off) or positive.");
        }

        _symbols = symbols;
        Options = options;
        _minSizeRaw = options.MinSize.Raw;
        _maxSizeRaw = options.MaxSize.Raw;
        _bandRaw = options.PriceBand.Raw;
        _maxStalenessNs = options.MaxStalenessNs;
        _lastPriceRaw = new long[symbols.Capacity];
        _lastTimestampNs = new long[symbols.Capacity];
        Array.Fill(_lastTimestampNs, long.MinValue);
        _filteredBySymbol = new long[symbols.Capacity];
        _counts = new long[(int)FilterReason.OffMarketPrint + 1];

        SymbolId[]? allowed = options.AllowedSymbols;
        if (allowed is { Length: > 0 })
        {
            _allowed = new bool[symbols.Capacity];
            foreach (SymbolId id in allowed)
            {
                if ((uint)id.Value >= (uint)symbols.Capacity)
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "An allowed symbol id is outside the table's capacity.");
                }

                _allowed[id.Value] = true;
            }
        }
    }

    public FilterOptions Options { get; }

    /// <summary>Events seen (accepted + filtered).</summary>
    public long ProcessedCount => _counts.Sum();

    public long AcceptedCount => _counts[0];

    public long FilteredCount => ProcessedCount - AcceptedCount;

    /// <summary>Events of <paramref name="symbol"/> the filter rejected, any reason (ids outside the table: 0).</summary>
    public long GetFilteredCount(SymbolId symbol) =>
        (uint)symbol.Value < (uint)_filteredBySymbol.Length ? _filteredBySymbol[symbol.Value] : 0;

    /// <summary>Events marked with <paramref name="reason"/>; <see cref="FilterReason.None"/> gives the accepted count.</summary>
    public long GetCount(FilterReason reason) => (uint)reason < (uint)_counts.Length ? _counts[(int)reason] : 0;

    /// <summary>
    /// Writes the first failing reason (or None) into <see cref="MarketEvent.FilterReason"/>, counts it and, if
    /// accepted, records the event in the symbol's history.
    /// </summary>
    /// <remarks>Stage fields are cleared once per event, by the producer (<see cref="MarketEventSlot.Seal(ref MarketEvent)"/>), not here.
    /// An event fed to the filter straight (tests, benchmarks) may still hold other stages' fields from an earlier use:
    /// the filter reads none of them and overwrites <see cref="MarketEvent.FilterReason"/>, and every later stage
    /// overwrites its own field on every event, so the results are the same.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FilterReason Apply(ref MarketEvent e)
    {
        FilterReason reason = Evaluate(in e);
        e.FilterReason = reason;
        _counts[(int)reason]++;
        if (reason == FilterReason.None)
        {
            int id = e.Symbol.Value;
            _lastPriceRaw[id] = e.Kind == MarketEventKind.Trade
                ? e.Price.Raw
                : e.BidPrice.Raw + ((e.AskPrice.Raw - e.BidPrice.Raw) / 2); // mid without overflow
            _lastTimestampNs[id] = e.TimestampNs;
            if (e.TimestampNs > _newestTimestampNs)
            {
                _newestTimestampNs = e.TimestampNs;
            }
        }
        else if ((uint)e.Symbol.Value < (uint)_filteredBySymbol.Length)
        {
            _filteredBySymbol[e.Symbol.Value]++;
        }

        return reason;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FilterReason Evaluate(in MarketEvent e)
    {
        MarketEventKind kind = e.Kind;
        if (kind != MarketEventKind.Trade && kind != MarketEventKind.Quote)
        {
            return FilterReason.UnknownKind;
        }

        int id = e.Symbol.Value;
        if ((uint)id >= (uint)_symbols.Count || (_allowed is not null && !_allowed[id]))
        {
            return FilterReason.UnknownSymbol;
        }

        long reference = _lastPriceRaw[id];
        if (kind == MarketEventKind.Trade)
        {
            long price = e.Price.Raw;
            long size = e.Size.Raw;
            if (price <= 0)
            {
                return FilterReason.NonPositivePrice;
            }

            if (size <= 0)
            {
                return FilterReason.NonPositiveSize;
            }

            if (size < _minSizeRaw || size > _maxSizeRaw)
            {
                return FilterReason.SizeOutOfBounds;
            }

            if ((e.Flags & MarketEventFlags.OffMarketPrint) != 0)
            {
                return FilterReason.OffMarketPrint;
            }

            if (!InBand(price, reference))
            {
                return FilterReason.PriceOutOfBand;
            }
        }
        else
        {
            long bid = e.BidPrice.Raw;
            long ask = e.AskPrice.Raw;
            long bidSize = e.BidSize.Raw;
            long askSize = e.AskSize.Raw;
            if (bid <= 0 || ask <= 0)
            {
                return FilterReason.NonPositivePrice;
            }

            // A quote size of zero means "not published" (FX and CFD feeds quote prices only), so only negative
            // sizes are rejected and the size bounds apply to the sizes that are known.
            if (bidSize < 0 || askSize < 0)
            {
                return FilterReason.NonPositiveSize;
            }

            if ((bidSize != 0 && (bidSize < _minSizeRaw || bidSize > _maxSizeRaw)) ||
                (askSize != 0 && (askSize < _minSizeRaw || askSize > _maxSizeRaw)))
            {
                return FilterReason.SizeOutOfBounds;
            }

            if (bid >= ask)
            {
                return FilterReason.CrossedQuote;
            }

            if (!InBand(bid, reference) || !InBand(ask, reference))
            {
                return FilterReason.PriceOutOfBand;
            }
        }

        long timestamp = e.TimestampNs;
        if (timestamp < _lastTimestampNs[id])
        {
            return FilterReason.OutOfOrderTimestamp;
        }

        // Unsigned difference: exact for any pair with timestamp < newest, so no overflow at the long extremes.
        if (_maxStalenessNs != 0 && timestamp < _newestTimestampNs &&
            (ulong)_newestTimestampNs - (ulong)timestamp > (ulong)_maxStalenessNs)
        {
            return FilterReason.StaleTimestamp;
        }

        return FilterReason.None;
    }

    // price > last × band  <=>  price × Scale > last × band;  price < last / band  <=>  price × band < last × Scale.
    // Int128 keeps both products exact, so the boundary is exact too (a print of exactly last × band passes).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool InBand(long price, long reference)
    {
        if (_bandRaw == 0 || reference == 0)
        {
            return true;
        }

        // Within a factor of two of the reference passes any band of at least 2 (the default is 10) without the
        // 128-bit products below; prices are positive here, and reference << 1 cannot overflow under 2^62.
        if (_bandRaw >= 2 * FixedPoint.Scale && reference < (1L << 62) && price <= reference << 1 && price > reference >> 1)
        {
            return true;
        }

        return (Int128)price * FixedPoint.Scale <= (Int128)reference * _bandRaw &&
               (Int128)price * _bandRaw >= (Int128)reference * FixedPoint.Scale;
    }
}
