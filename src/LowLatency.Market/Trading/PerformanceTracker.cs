using System.Runtime.CompilerServices;
using LowLatency.Market.Internal;

namespace LowLatency.Market.Trading;

/// <summary>
/// The book-wide side of <see cref="TradingState"/>: fees, turnover, the equity curve and what is measured on it
/// (drawdown, interval returns), round trips and time in market. Fed on the strategy thread by every accepted event
/// and every fill; fixed-size state, so nothing allocates. The open positions are kept in a dense list, so marking the
/// book costs one step per open position, not per symbol.
/// </summary>
internal sealed class PerformanceTracker
{
    private const long None = long.MinValue;

    private readonly SymbolBook[] _books;
    private readonly int[] _open;       // ids of symbols with a position
    private readonly int[] _openIndex;  // per symbol: its index in _open, -1 when flat
    private readonly long _intervalNs;
    private readonly Int128 _capital;   // scale 10^16
    private int _openCount;

    private Int128 _realized;
    private Int128 _fees;
    private Int128 _traded;

    private long _firstNs = None;
    private long _lastNs = None;
    private long _nextSampleNs = None;
    private Int128 _peak;
    private Int128 _maxDrawdown;
    private double _maxDrawdownFraction;
    private Int128 _lastSampleEquity;
    private long _returns;
    private double _returnSum;
    private double _returnSquares;
    private bool _capitalExhausted;

    private long _roundTrips;
    private long _wins;
    private long _holdingNs;
    private long _inMarketSinceNs;
    private long _inMarketNs;

    public PerformanceTracker(SymbolBook[] books, long intervalNs, FixedPoint startingCapital)
    {
        _books = books;
        _open = new int[books.Length];
        _openIndex = new int[books.Length];
        Array.Fill(_openIndex, -1);
        _intervalNs = intervalNs;
        _capital = (Int128)startingCapital.Raw * FixedPoint.Scale;
    }

    public ISignalSink? Sink { get; set; }

    public Int128 Realized => _realized;

    public Int128 Fees => _fees;

    /// <summary>Every accepted event, before its fills: the run's span, a clock that never goes back (symbols may
    /// interleave out of time order, e.g. across Kafka partitions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Observe(long timestampNs)
    {
        if (_firstNs == None)
        {
            _firstNs = timestampNs;
            _lastNs = timestampNs;
        }
        else if (timestampNs > _lastNs)
        {
            _lastNs = timestampNs;
        }
    }

    /// <summary>Every accepted event, after its fills: the curve's start, and an interval point when one is due.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(long timestampNs)
    {
        if (_nextSampleNs == None)
        {
            Sample(timestampNs, EquityCause.Start);
            _nextSampleNs = NextBoundary(timestampNs);
            return;
        }

        if (_intervalNs > 0 && timestampNs >= _nextSampleNs)
        {
            Sample(timestampNs, EquityCause.Interval);
            _nextSampleNs = NextBoundary(timestampNs);
        }
    }

    /// <summary>A fill of symbol <paramref name="id"/> has been applied to its book (position, realized, fees).</summary>
    public void OnFill(int id, long positionBefore, Int128 realizedDelta, Int128 fee, Int128 notional, long timestampNs)
    {
        ref SymbolBook book = ref _books[id];
        _realized += realizedDelta;
        _fees += fee;
        _traded += notional;
        long positionAfter = book.PositionRaw;
        if (positionBefore == 0)
        {
            Open(id, ref book, timestampNs, book.Realized - realizedDelta, book.Fees - fee);
        }
        else if (positionAfter == 0 || (positionAfter > 0) != (positionBefore > 0))
        {
            // Closed, or through flat: the round trip ends here, this fill's whole fee in it.
            Int128 pnl = (book.Realized - book.TripRealizedStart) - (book.Fees - book.TripFeesStart);
            _roundTrips++;
            _wins += pnl > 0 ? 1 : 0;
            _holdingNs += timestampNs - book.TripStartNs;
            if (positionAfter == 0)
            {
                Close(id, timestampNs);
            }
            else
            {
                book.TripStartNs = timestampNs;
                book.TripRealizedStart = book.Realized;
                book.TripFeesStart = book.Fees;
            }
        }

        Sample(timestampNs, EquityCause.Fill);
    }

    /// <summary>Σ unrealized PnL of the open positions at their marks.</summary>
    public Int128 Unrealized()
    {
        Int128 sum = Int128.Zero;
        for (int i = 0; i < _openCount; i++)
        {
            sum += TradingState.Unrealized(in _books[_open[i]]);
        }

        return sum;
    }

    public PerformanceSummary Summary()
    {
        Int128 unrealized = Unrealized();
        Int128 gross = _realized + unrealized;
        double? sharpe = null;
        if (_returns >= 2 && !_capitalExhausted)
        {
            double mean = _returnSum / _returns;
            double variance = (_returnSquares - (_returnSum * mean)) / (_returns - 1);
            if (variance > 0)
            {
                const double YearNs = 365.25 * 86_400e9;
                sharpe = mean / Math.Sqrt(variance) * Math.Sqrt(YearNs / _intervalNs);
            }
        }

        long inMarketNs = _inMarketNs + (_openCount > 0 ? _lastNs - _inMarketSinceNs : 0);
        long spanNs = _firstNs == None ? 0 : _lastNs - _firstNs;
        return new PerformanceSummary(
            GrossPnl: ToMoney(gross),
            Fees: ToMoney(_fees),
            NetPnl: ToMoney(gross - _fees),
            RealizedPnl: ToMoney(_realized),
            UnrealizedPnl: ToMoney(unrealized),
            MaxDrawdown: ToMoney(_maxDrawdown),
            MaxDrawdownPercent: _maxDrawdownFraction * 100,
            Sharpe: sharpe,
            Returns: _returns,
            RoundTrips: _roundTrips,
            WinningRoundTrips: _wins,
            Turnover: ToMoney(_traded),
            AverageHolding: _roundTrips == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_holdingNs / _roundTrips / 100),
            TimeInMarket: spanNs <= 0 ? (inMarketNs > 0 ? 1 : 0) : (double)inMarketNs / spanNs,
            StartingCapital: ToMoney(_capital),
            FirstTimestampNs: _firstNs,
            LastTimestampNs: _lastNs);
    }

    private void Open(int id, ref SymbolBook book, long timestampNs, Int128 realizedBefore, Int128 feesBefore)
    {
        book.TripStartNs = timestampNs;
        book.TripRealizedStart = realizedBefore;
        book.TripFeesStart = feesBefore;
        _openIndex[id] = _openCount;
        _open[_openCount++] = id;
        if (_openCount == 1)
        {
            _inMarketSinceNs = Math.Max(timestampNs, _lastNs); // within first..last even when this symbol lags the others
        }
    }

    private void Close(int id, long timestampNs)
    {
        int index = _openIndex[id];
        int last = _open[--_openCount];
        _open[index] = last;
        _openIndex[last] = index;
        _openIndex[id] = -1;
        if (_openCount == 0)
        {
            _inMarketNs += Math.Max(timestampNs, _lastNs) - _inMarketSinceNs;
        }
    }

    private void Sample(long timestampNs, EquityCause cause)
    {
        Int128 unrealized = Unrealized();
        Int128 equity = _realized - _fees + unrealized;
        if (equity > _peak)
        {
            _peak = equity;
        }

        Int128 drawdown = _peak - equity;
        if (drawdown > _maxDrawdown)
        {
            _maxDrawdown = drawdown;
        }

        double fraction = (double)drawdown / (double)(_capital + _peak);
        if (fraction > _maxDrawdownFraction)
        {
            _maxDrawdownFraction = fraction;
        }

        if (cause == EquityCause.Interval)
        {
            Int128 basis = _capital + _lastSampleEquity;
            if (basis <= 0)
            {
                _capitalExhausted = true; // a return on nothing is not a return: the Sharpe ratio is undefined from here
            }
            else
            {
                double r = (double)(equity - _lastSampleEquity) / (double)basis;
                _returns++;
                _returnSum += r;
                _returnSquares += r * r;
            }

            _lastSampleEquity = equity;
        }

        var point = new EquityPoint(timestampNs, cause, _realized, _fees, unrealized, drawdown);
        Sink?.OnEquity(in point);
    }

    private long NextBoundary(long timestampNs)
    {
        if (_intervalNs <= 0)
        {
            return long.MaxValue;
        }

        long index = timestampNs / _intervalNs - (timestampNs % _intervalNs < 0 ? 1 : 0);
        return index >= long.MaxValue / _intervalNs ? long.MaxValue : (index + 1) * _intervalNs;
    }

    private static decimal ToMoney(Int128 raw) => ScaledDecimal.ToDecimal(raw, 2 * FixedPoint.Decimals);
}
