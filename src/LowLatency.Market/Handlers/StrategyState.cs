using System.Diagnostics;
using LowLatency.Market.Internal;

namespace LowLatency.Market.Handlers;

/// <summary>
/// Signal rule, per-symbol positions and PnL, and the <see cref="SignalLog"/> of the strategy stage. Arrays are
/// preallocated to <see cref="SymbolTable.Capacity"/>, so <see cref="Apply"/> never allocates.
/// </summary>
/// <remarks>
/// <para>Only accepted trades are evaluated (quotes and filtered events get <see cref="SignalSide.None"/>). Every
/// signal is assumed filled at once, in full, at the triggering trade's price.</para>
/// <para>Position limit: a signal whose fill would leave |position| above <see cref="StrategyOptions.MaxPosition"/> is
/// skipped, not clipped (so every fill has the fixed order quantity), and counted in <see cref="SuppressedCount"/>.</para>
/// <para>PnL, average-cost method: the open position carries its cost basis C = Σ quantity × price (signed).
/// A fill in the position's direction adds to C. A reducing fill of q units out of |P| releases C × q / |P| (integer
/// division toward zero on raw values, so at most 10^-16 off per fill) and realizes the difference with the fill
/// price. Fills are all ±OrderQuantity, so a reducing fill never flips the position. Unrealized (mark-to-market)
/// PnL is P × last trade price − C. All sums are Int128 over raw values (scale 10^16), converted to decimal on read.</para>
/// <para>Written by the strategy thread only; read after the pipeline has stopped.</para>
/// </remarks>
public sealed class StrategyState
{
    private readonly SymbolTable _symbols;
    private readonly StrategyKind _kind;
    private readonly long _buyBelowRaw;
    private readonly long _sellAboveRaw;
    private readonly long _buyBelowVwapBps;
    private readonly long _sellAboveVwapBps;
    private readonly long _orderQuantityRaw;
    private readonly long _maxPositionRaw;

    private readonly long[] _positionRaw;
    private readonly Int128[] _costBasis;  // Σ signed quantity.Raw × price.Raw of the open position
    private readonly Int128[] _realized;   // scale 10^16
    private readonly long[] _lastPriceRaw;
    private long _tradeCount;
    private long _suppressedCount;

    public StrategyState(SymbolTable symbols, in StrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (options.Kind is not StrategyKind.Threshold and not StrategyKind.VwapMeanReversion)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "Unknown strategy kind.");
        }

        if (options.SellAbove < options.BuyBelow)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "SellAbove must be at least BuyBelow.");
        }

        if (options.BuyBelowVwapBps <= 0 || options.SellAboveVwapBps <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "The VWAP thresholds in bps must be positive.");
        }

        if (options.OrderQuantity.Raw <= 0 || options.MaxPosition.Raw < 0 || options.SignalLogCapacity < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(options), "OrderQuantity must be positive; MaxPosition and SignalLogCapacity must not be negative.");
        }

        _symbols = symbols;
        Options = options;
        _kind = options.Kind;
        _buyBelowRaw = options.BuyBelow.Raw;
        _sellAboveRaw = options.SellAbove.Raw;
        _buyBelowVwapBps = options.BuyBelowVwapBps;
        _sellAboveVwapBps = options.SellAboveVwapBps;
        _orderQuantityRaw = options.OrderQuantity.Raw;
        _maxPositionRaw = options.MaxPosition.Raw;
        _positionRaw = new long[symbols.Capacity];
        _costBasis = new Int128[symbols.Capacity];
        _realized = new Int128[symbols.Capacity];
        _lastPriceRaw = new long[symbols.Capacity];
        Signals = new SignalLog(options.SignalLogCapacity, symbols.Capacity);
    }

    public StrategyOptions Options { get; }

    public SignalLog Signals { get; }

    /// <summary>Accepted trades evaluated.</summary>
    public long TradeCount => _tradeCount;

    /// <summary>Signals skipped because they would break the position limit.</summary>
    public long SuppressedCount => _suppressedCount;

    public decimal TotalRealizedPnl
    {
        get
        {
            Int128 sum = Int128.Zero;
            int count = _symbols.Count;
            for (int i = 0; i < count; i++)
            {
                sum += _realized[i];
            }

            return ToMoney(sum);
        }
    }

    public decimal TotalUnrealizedPnl
    {
        get
        {
            Int128 sum = Int128.Zero;
            int count = _symbols.Count;
            for (int i = 0; i < count; i++)
            {
                sum += Unrealized(i);
            }

            return ToMoney(sum);
        }
    }

    public decimal TotalPnl => TotalRealizedPnl + TotalUnrealizedPnl;

    /// <summary>Signed position: positive long, negative short.</summary>
    public FixedPoint GetPosition(SymbolId symbol) => FixedPoint.FromRaw(_positionRaw[Index(symbol)]);

    /// <summary>Average cost of the open position (C / P, rounded half up); zero when flat.</summary>
    public FixedPoint GetAverageCost(SymbolId symbol)
    {
        int i = Index(symbol);
        long position = _positionRaw[i];
        if (position == 0)
        {
            return FixedPoint.Zero;
        }

        // C and P share their sign, so C / P = |C| / |P|.
        Int128 cost = position > 0 ? _costBasis[i] : -_costBasis[i];
        return FixedPoint.FromRaw((long)ScaledDecimal.DivideRounded(cost, Math.Abs(position)));
    }

    /// <summary>Last accepted trade price seen, the mark for unrealized PnL; zero before the first trade.</summary>
    public FixedPoint GetLastPrice(SymbolId symbol) => FixedPoint.FromRaw(_lastPriceRaw[Index(symbol)]);

    public decimal GetRealizedPnl(SymbolId symbol) => ToMoney(_realized[Index(symbol)]);

    public decimal GetUnrealizedPnl(SymbolId symbol) => ToMoney(Unrealized(Index(symbol)));

    public decimal GetTotalPnl(SymbolId symbol) => GetRealizedPnl(symbol) + GetUnrealizedPnl(symbol);

    /// <summary>Evaluates one event: on an accepted trade, may emit a signal (logged, filled, written to
    /// <see cref="MarketEvent.Signal"/>). Does not allocate.</summary>
    public void Apply(ref MarketEvent e, long sequence)
    {
        int id = e.Symbol.Value;
        if (e.FilterReason != FilterReason.None || e.Kind != MarketEventKind.Trade || (uint)id >= (uint)_positionRaw.Length)
        {
            e.Signal = SignalSide.None;
            return;
        }

        long price = e.Price.Raw;
        _lastPriceRaw[id] = price;
        _tradeCount++;

        SignalSide side = SignalSide.None;
        SignalReason reason = SignalReason.None;
        if (_kind == StrategyKind.Threshold)
        {
            if (price < _buyBelowRaw)
            {
                side = SignalSide.Buy;
                reason = SignalReason.PriceBelowThreshold;
            }
            else if (price > _sellAboveRaw)
            {
                side = SignalSide.Sell;
                reason = SignalReason.PriceAboveThreshold;
            }
        }
        else
        {
            long vwap = e.RollingVwap.Raw;
            if (vwap > 0)
            {
                // (vwap - price) / vwap >= bps / 10_000, cross-multiplied so the boundary is exact.
                Int128 deviation = ((Int128)price - vwap) * 10_000;
                if (-deviation >= _buyBelowVwapBps * (Int128)vwap)
                {
                    side = SignalSide.Buy;
                    reason = SignalReason.BelowRollingVwap;
                }
                else if (deviation >= _sellAboveVwapBps * (Int128)vwap)
                {
                    side = SignalSide.Sell;
                    reason = SignalReason.AboveRollingVwap;
                }
            }
        }

        if (side == SignalSide.None)
        {
            e.Signal = SignalSide.None;
            return;
        }

        long quantity = side == SignalSide.Buy ? _orderQuantityRaw : -_orderQuantityRaw;
        long next = _positionRaw[id] + quantity;
        if (next > _maxPositionRaw || next < -_maxPositionRaw)
        {
            _suppressedCount++;
            e.Signal = SignalSide.None;
            return;
        }

        Fill(id, quantity, price);
        e.Signal = side;
        Signals.Append(new Signal(e.Symbol, side, FixedPoint.FromRaw(_orderQuantityRaw), e.Price, e.TimestampNs, sequence, reason));
    }

    private void Fill(int id, long quantity, long price)
    {
        long position = _positionRaw[id];
        _positionRaw[id] = position + quantity;
        if (position == 0 || (position > 0) == (quantity > 0))
        {
            _costBasis[id] += (Int128)quantity * price;
            return;
        }

        // Every fill is ±OrderQuantity, so a position is a multiple of it and a reducing fill never flips it.
        long held = Math.Abs(position);
        long traded = Math.Abs(quantity);
        Debug.Assert(traded <= held);
        Int128 releasedCost = _costBasis[id] * traded / held; // signed like the position
        Int128 value = (Int128)traded * price;
        _realized[id] += position > 0 ? value - releasedCost : -releasedCost - value;
        _costBasis[id] -= releasedCost;
    }

    private Int128 Unrealized(int i) => ((Int128)_positionRaw[i] * _lastPriceRaw[i]) - _costBasis[i];

    private static decimal ToMoney(Int128 raw) => ScaledDecimal.ToDecimal(raw, 2 * FixedPoint.Decimals);

    private int Index(SymbolId symbol)
    {
        if ((uint)symbol.Value >= (uint)_positionRaw.Length)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(symbol), "The symbol id is outside the table's capacity.");
        }

        return symbol.Value;
    }
}
