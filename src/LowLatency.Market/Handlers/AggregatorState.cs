using System.Runtime.CompilerServices;
using LowLatency.Market.Internal;

namespace LowLatency.Market.Handlers;

/// <summary>
/// Per-symbol aggregates of accepted events, in arrays preallocated to <see cref="SymbolTable.Capacity"/>:
/// last price, trade and quote counts, cumulative volume and VWAP, a rolling VWAP, a rolling mid and OHLCV bars.
/// </summary>
/// <remarks>
/// <para>Sums of price × size and of size are <see cref="Int128"/> over raw values, so real volumes cannot overflow
/// (a long of raw size units would overflow after about 92 billion shares).</para>
/// <para>Rolling VWAP: time is cut into buckets of width W = <see cref="AggregatorOptions.RollingBucketWidthNs"/>
/// aligned to the Unix epoch; bucket(t) = floor(t / W). After a trade the symbol's current bucket c is the largest
/// bucket it has traded in, and the rolling VWAP is Σ(price × size) / Σ(size) over its accepted trades with bucket
/// in [c − N + 1, c], N = <see cref="AggregatorOptions.RollingBucketCount"/>: the current, partial bucket plus the
/// N − 1 before it, a window between (N − 1)·W and N·W long. It includes the trade itself and is rounded to the
/// nearest raw unit (10^-8), halves up. The window moves only with the symbol's own trades.</para>
/// <para>Rolling mid: the same windows over the symbol's accepted quotes, each quote's mid (bid + ask) / 2 weighing
/// the same; the fair price of quote-only data, where there is no VWAP.</para>
/// <para>Bars: bar(t) = floor(t / <see cref="AggregatorOptions.BarIntervalNs"/>). The first trade of a later bar
/// completes the current one; intervals with no trades produce no bar. A late trade (older bar, only possible
/// without the filter's order check) is folded into the current bar.</para>
/// <para>Every accepted event gets the symbol's rolling VWAP as of its last trade in
/// <see cref="MarketEvent.RollingVwap"/> (zero before its first trade); filtered events get zero. Written by the
/// aggregator thread only; read after the pipeline has stopped.</para>
/// </remarks>
public sealed class AggregatorState
{
    private const long None = long.MinValue;

    private readonly SymbolAggregate[] _aggregates;
    private readonly Int128[] _bucketNotional;   // [symbol * N + bucket mod N]
    private readonly Int128[] _bucketVolumeRaw;  // [symbol * N + bucket mod N]
    private readonly Int128[] _bucketMidSum;     // Σ (bid + ask) of the bucket's quotes: twice the mids, so exact
    private readonly Int128[] _bucketMidWeight;  // 2 per quote
    private readonly long _bucketWidthNs;
    private readonly int _bucketCount;
    private readonly long _barIntervalNs;
    private long _tradeCount;
    private long _quoteCount;
    private long _skippedCount;

    public AggregatorState(SymbolTable symbols, in AggregatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (options.RollingBucketWidthNs <= 0 || options.RollingBucketCount <= 0 || options.BarIntervalNs <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "Bucket width, bucket count and bar interval must be positive.");
        }

        Options = options;
        _bucketWidthNs = options.RollingBucketWidthNs;
        _bucketCount = options.RollingBucketCount;
        _barIntervalNs = options.BarIntervalNs;
        _aggregates = new SymbolAggregate[symbols.Capacity];
        for (int i = 0; i < _aggregates.Length; i++)
        {
            _aggregates[i].CurrentBucket = None;
            _aggregates[i].BarIndex = None;
            _aggregates[i].CurrentQuoteBucket = None;
        }

        _bucketNotional = new Int128[checked(symbols.Capacity * _bucketCount)];
        _bucketVolumeRaw = new Int128[_bucketNotional.Length];
        _bucketMidSum = new Int128[_bucketNotional.Length];
        _bucketMidWeight = new Int128[_bucketNotional.Length];
    }

    public AggregatorOptions Options { get; }

    /// <summary>Symbol ids this state has room for.</summary>
    public int SymbolCapacity => _aggregates.Length;

    /// <summary>Accepted trades, all symbols.</summary>
    public long TradeCount => _tradeCount;

    /// <summary>Accepted quotes, all symbols.</summary>
    public long QuoteCount => _quoteCount;

    /// <summary>Filtered (or out-of-table) events skipped.</summary>
    public long SkippedCount => _skippedCount;

    /// <summary>Folds one event in and writes the symbol's rolling VWAP into <see cref="MarketEvent.RollingVwap"/>
    /// (zero for skipped events). Does not allocate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref MarketEvent e)
    {
        int id = e.Symbol.Value;
        if (e.FilterReason != FilterReason.None || (uint)id >= (uint)_aggregates.Length)
        {
            e.RollingVwap = default;
            _skippedCount++;
            return;
        }

        ref SymbolAggregate a = ref _aggregates[id];
        if (a.TradeCount + a.QuoteCount == 0)
        {
            a.FirstTimestampNs = e.TimestampNs;
        }

        a.LastTimestampNs = e.TimestampNs;
        if (e.Kind == MarketEventKind.Trade)
        {
            AddTrade(ref a, id, e.Price.Raw, e.Size.Raw, e.TimestampNs);
        }
        else if (e.Kind == MarketEventKind.Quote)
        {
            a.QuoteCount++;
            _quoteCount++;
            AddToWindow(ref a.CurrentQuoteBucket, ref a.CurrentQuoteBucketSlot, ref a.WindowMidSum, ref a.WindowMidWeight, _bucketMidSum, _bucketMidWeight, id,
                Index(e.TimestampNs, _bucketWidthNs, ref a.QuoteBucketCache), (Int128)e.BidPrice.Raw + e.AskPrice.Raw, 2);
        }

        e.RollingVwap = FixedPoint.FromRaw(a.RollingVwapRaw);
    }

    /// <summary>Copies what the strategy may read about the event's symbol into its slot's view (accepted events only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteView(int id, ref AggregateView view)
    {
        ref readonly SymbolAggregate a = ref _aggregates[id];
        view.VwapRaw = a.VwapRaw;
        if (a.WindowMidSum <= long.MaxValue && a.WindowMidWeight <= int.MaxValue)
        {
            view.MidSum = (long)a.WindowMidSum;
            view.MidWeight = (int)a.WindowMidWeight;
        }
        else
        {
            view.MidSum = Divide(a.WindowMidSum, a.WindowMidWeight).Raw; // too big to hand over: divide here, once
            view.MidWeight = 1;
        }

        if (a.BarIndex == None)
        {
            view.BarOpenRaw = 0;
            return;
        }

        view.BarStartNs = a.BarIndex * _barIntervalNs;
        view.BarOpenRaw = a.OpenRaw;
        view.BarHighRaw = a.HighRaw;
        view.BarLowRaw = a.LowRaw;
        view.BarVolumeRaw = a.BarVolumeRaw > long.MaxValue ? long.MaxValue : (long)a.BarVolumeRaw;
        view.BarTradeCount = a.BarTradeCount > int.MaxValue ? int.MaxValue : (int)a.BarTradeCount;
    }

    public long GetTradeCount(SymbolId symbol) => Get(symbol).TradeCount;

    public long GetQuoteCount(SymbolId symbol) => Get(symbol).QuoteCount;

    /// <summary>Last accepted trade price; zero before the first trade.</summary>
    public FixedPoint GetLastPrice(SymbolId symbol) => FixedPoint.FromRaw(Get(symbol).LastPriceRaw);

    /// <summary>Σ size in raw units (×10^8).</summary>
    public Int128 GetCumulativeVolumeRaw(SymbolId symbol) => Get(symbol).CumulativeVolumeRaw;

    /// <summary>Σ size as an exact decimal.</summary>
    public decimal GetCumulativeVolume(SymbolId symbol) => ScaledDecimal.ToDecimal(Get(symbol).CumulativeVolumeRaw, FixedPoint.Decimals);

    /// <summary>Σ price.Raw × size.Raw (scale 10^16).</summary>
    public Int128 GetCumulativeNotionalRaw(SymbolId symbol) => Get(symbol).CumulativeNotional;

    /// <summary>Σ price × size as a decimal (exact up to 28 significant digits).</summary>
    public decimal GetCumulativeNotional(SymbolId symbol) => ScaledDecimal.ToDecimal(Get(symbol).CumulativeNotional, 2 * FixedPoint.Decimals);

    /// <summary>Cumulative VWAP Σ(price × size) / Σ(size) over all accepted trades, rounded half up; zero before the first trade.</summary>
    public FixedPoint GetVwap(SymbolId symbol)
    {
        ref readonly SymbolAggregate a = ref Get(symbol);
        return Divide(a.CumulativeNotional, a.CumulativeVolumeRaw);
    }

    /// <summary>The rolling VWAP as of the symbol's last trade (see the class remarks); zero before the first trade.</summary>
    public FixedPoint GetRollingVwap(SymbolId symbol)
    {
        ref readonly SymbolAggregate a = ref Get(symbol);
        return Divide(a.WindowNotional, a.WindowVolumeRaw);
    }

    /// <summary>The rolling mean of the symbol's quote mids (see the class remarks); zero before its first quote.</summary>
    public FixedPoint GetRollingMid(SymbolId symbol)
    {
        ref readonly SymbolAggregate a = ref Get(symbol);
        return Divide(a.WindowMidSum, a.WindowMidWeight);
    }

    /// <summary>The whole run as one bar: first trade's time and price, high, low, last trade, volume, trades; false
    /// before the symbol's first trade.</summary>
    public bool TryGetSessionBar(SymbolId symbol, out OhlcvBar bar)
    {
        ref readonly SymbolAggregate a = ref Get(symbol);
        if (a.TradeCount == 0)
        {
            bar = default;
            return false;
        }

        bar = new OhlcvBar(a.FirstTradeNs, FixedPoint.FromRaw(a.SessionOpenRaw), FixedPoint.FromRaw(a.SessionHighRaw),
            FixedPoint.FromRaw(a.SessionLowRaw), FixedPoint.FromRaw(a.LastPriceRaw), a.CumulativeVolumeRaw, a.TradeCount);
        return true;
    }

    /// <summary>Exchange time of the symbol's first and last accepted event (trade or quote); false before any.</summary>
    public bool TryGetSpan(SymbolId symbol, out long firstTimestampNs, out long lastTimestampNs)
    {
        ref readonly SymbolAggregate a = ref Get(symbol);
        firstTimestampNs = a.FirstTimestampNs;
        lastTimestampNs = a.LastTimestampNs;
        return a.TradeCount + a.QuoteCount > 0;
    }

    /// <summary>The bar still open (its last trade so far is the close); false before the first trade.</summary>
    public bool TryGetCurrentBar(SymbolId symbol, out OhlcvBar bar)
    {
        ref readonly SymbolAggregate a = ref Get(symbol);
        if (a.BarIndex == None)
        {
            bar = default;
            return false;
        }

        bar = new OhlcvBar(
            a.BarIndex * _barIntervalNs,
            FixedPoint.FromRaw(a.OpenRaw),
            FixedPoint.FromRaw(a.HighRaw),
            FixedPoint.FromRaw(a.LowRaw),
            FixedPoint.FromRaw(a.CloseRaw),
            a.BarVolumeRaw,
            a.BarTradeCount);
        return true;
    }

    /// <summary>The most recently completed bar; false until a trade has opened a second bar.</summary>
    public bool TryGetLastCompletedBar(SymbolId symbol, out OhlcvBar bar)
    {
        ref readonly SymbolAggregate a = ref Get(symbol);
        if (a.CompletedBars == 0)
        {
            bar = default;
            return false;
        }

        bar = new OhlcvBar(
            a.LastBarIndex * _barIntervalNs,
            FixedPoint.FromRaw(a.LastOpenRaw),
            FixedPoint.FromRaw(a.LastHighRaw),
            FixedPoint.FromRaw(a.LastLowRaw),
            FixedPoint.FromRaw(a.LastCloseRaw),
            a.LastBarVolumeRaw,
            a.LastBarTradeCount);
        return true;
    }

    /// <summary>Bars completed so far (the open bar not included).</summary>
    public long GetCompletedBarCount(SymbolId symbol) => Get(symbol).CompletedBars;

    private void AddTrade(ref SymbolAggregate a, int id, long price, long size, long timestampNs)
    {
        Int128 notional = (Int128)price * size;
        if (a.TradeCount == 0)
        {
            a.SessionOpenRaw = price;
            a.SessionHighRaw = price;
            a.SessionLowRaw = price;
            a.FirstTradeNs = timestampNs;
        }
        else if (price > a.SessionHighRaw)
        {
            a.SessionHighRaw = price;
        }
        else if (price < a.SessionLowRaw)
        {
            a.SessionLowRaw = price;
        }

        a.LastPriceRaw = price;
        a.TradeCount++;
        a.CumulativeNotional += notional;
        a.CumulativeVolumeRaw += size;
        _tradeCount++;

        AddToWindow(ref a.CurrentBucket, ref a.CurrentBucketSlot, ref a.WindowNotional, ref a.WindowVolumeRaw, _bucketNotional, _bucketVolumeRaw, id,
            Index(timestampNs, _bucketWidthNs, ref a.TradeBucketCache), notional, size);
        AddToBar(ref a, Index(timestampNs, _barIntervalNs, ref a.BarCache), price, size);

        // Divided once per trade, here, so the events that only read them (quotes included) pay no Int128 division.
        a.RollingVwapRaw = Divide(a.WindowNotional, a.WindowVolumeRaw).Raw;
        a.VwapRaw = Divide(a.CumulativeNotional, a.CumulativeVolumeRaw).Raw;
    }

    /// <summary>Adds (sum, weight) to the symbol's rolling window of <paramref name="sums"/> / <paramref name="weights"/>
    /// buckets, first dropping the buckets that left the window as <paramref name="bucket"/> moves it forward.</summary>
    /// <remarks>Only the common case (the newest bucket again, its slot known) is inlined into the stage's loop; moving
    /// the window stays a call so the loop keeps its registers.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddToWindow(ref long currentBucket, ref int currentSlot, ref Int128 windowSum, ref Int128 windowWeight,
        Int128[] sums, Int128[] weights, int id, long bucket, Int128 sum, Int128 weight)
    {
        int slot = bucket == currentBucket && bucket != None
            ? currentSlot // events are dense: almost always
            : MoveWindow(ref currentBucket, ref currentSlot, ref windowSum, ref windowWeight, sums, weights, id, bucket);
        if (slot < 0)
        {
            return; // a late event whose bucket has already left the window
        }

        slot += id * _bucketCount;
        sums[slot] += sum;
        weights[slot] += weight;
        windowSum += sum;
        windowWeight += weight;
    }

    /// <summary>Moves the window forward to <paramref name="bucket"/> if it is newer; returns its slot among the
    /// symbol's buckets, or -1 when it is older than the window.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int MoveWindow(ref long currentBucket, ref int currentSlot, ref Int128 windowSum, ref Int128 windowWeight,
        Int128[] sums, Int128[] weights, int id, long bucket)
    {
        if (bucket > currentBucket)
        {
            int first = id * _bucketCount;
            if (currentBucket == None || bucket - currentBucket >= _bucketCount)
            {
                // Every live bucket has left the window.
                sums.AsSpan(first, _bucketCount).Clear();
                weights.AsSpan(first, _bucketCount).Clear();
                windowSum = Int128.Zero;
                windowWeight = Int128.Zero;
            }
            else
            {
                // Buckets c+1..bucket reuse the slots of c+1-N..bucket-N: drop those from the sums.
                for (long b = currentBucket + 1; b <= bucket; b++)
                {
                    int slot = first + FloorMod(b, _bucketCount);
                    windowSum -= sums[slot];
                    windowWeight -= weights[slot];
                    sums[slot] = Int128.Zero;
                    weights[slot] = Int128.Zero;
                }
            }

            currentBucket = bucket;
            currentSlot = FloorMod(bucket, _bucketCount);
            return currentSlot;
        }

        return bucket > currentBucket - _bucketCount ? FloorMod(bucket, _bucketCount) : -1;
    }

    private static void AddToBar(ref SymbolAggregate a, long barIndex, long price, long size)
    {
        if (barIndex > a.BarIndex)
        {
            if (a.BarIndex != None)
            {
                a.LastBarIndex = a.BarIndex;
                a.LastOpenRaw = a.OpenRaw;
                a.LastHighRaw = a.HighRaw;
                a.LastLowRaw = a.LowRaw;
                a.LastCloseRaw = a.CloseRaw;
                a.LastBarVolumeRaw = a.BarVolumeRaw;
                a.LastBarTradeCount = a.BarTradeCount;
                a.CompletedBars++;
            }

            a.BarIndex = barIndex;
            a.OpenRaw = price;
            a.HighRaw = price;
            a.LowRaw = price;
            a.CloseRaw = price;
            a.BarVolumeRaw = size;
            a.BarTradeCount = 1;
            return;
        }

        if (price > a.HighRaw)
        {
            a.HighRaw = price;
        }

        if (price < a.LowRaw)
        {
            a.LowRaw = price;
        }

        a.CloseRaw = price;
        a.BarVolumeRaw += size;
        a.BarTradeCount++;
    }

    private static FixedPoint Divide(Int128 notional, Int128 volumeRaw) =>
        volumeRaw > 0 ? FixedPoint.FromRaw((long)ScaledDecimal.DivideRounded(notional, volumeRaw)) : FixedPoint.Zero;

    /// <summary>floor(<paramref name="timestampNs"/> / <paramref name="width"/>), answered from <paramref name="cache"/>
    /// without a division while the timestamp stays in the last interval asked for (almost always: events are dense).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Index(long timestampNs, long width, ref IntervalCache cache) =>
        cache.Valid && (ulong)(timestampNs - cache.StartNs) < (ulong)width ? cache.Index : NewIndex(timestampNs, width, ref cache);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long NewIndex(long timestampNs, long width, ref IntervalCache cache)
    {
        long index = FloorDiv(timestampNs, width);
        if (index >= long.MinValue / width)
        {
            cache = new IntervalCache(index, index * width); // the start fits a long (not so right at long.MinValue)
        }

        return index;
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = value / divisor;
        return (value % divisor) < 0 ? quotient - 1 : quotient;
    }

    private static int FloorMod(long value, int divisor)
    {
        long remainder = value % divisor;
        return (int)(remainder < 0 ? remainder + divisor : remainder);
    }

    private ref readonly SymbolAggregate Get(SymbolId symbol)
    {
        if ((uint)symbol.Value >= (uint)_aggregates.Length)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(symbol), "The symbol id is outside the table's capacity.");
        }

        return ref _aggregates[symbol.Value];
    }
}
