using System.Runtime.CompilerServices;
using LowLatency.Market.Internal;

namespace LowLatency.Market.Trading;

/// <summary>
/// The engine's half of the strategy stage: top of book, positions, risk limits, simulated execution and PnL per
/// symbol, the same whichever strategy runs and whichever front end feeds it. Arrays are preallocated to
/// <see cref="SymbolTable.Capacity"/> and <see cref="TradingOptions.MaxOpenOrders"/>, so nothing allocates per event.
/// </summary>
/// <remarks>
/// <para><b>Orders.</b> An intent passes the risk limits (<see cref="RiskLimits"/>) or is suppressed and counted by
/// reason. Limits apply to intents that grow |position + open orders on their side|; an order that reduces exposure
/// always passes. An accepted intent is logged as a <see cref="Signal"/> and waits, in its symbol's FIFO, for the
/// first later event of that symbol stamped at or after its time + <see cref="TradingOptions.FillLatencyNs"/>.</para>
/// <para><b>Fills.</b> On that event, after its prices are applied to the book: a buy fills at the best ask, a sell at
/// the best bid, or at the last trade price when the symbol has no quotes; in full, before the strategy sees the event.
/// A limit order fills there only if that price is at or better than its limit, else it is cancelled and counted in
/// <see cref="UnfilledCount"/>. <see cref="TradingOptions.SlippageBps"/> moves the price against the order and each fill
/// pays <see cref="TradingOptions.FeeBps"/> of its notional plus <see cref="TradingOptions.FeePerUnit"/> per unit. Fills
/// depend on the symbol's own events only, so they are the same however symbols interleave (e.g. across Kafka
/// partitions).</para>
/// <para><b>Performance</b> (<see cref="GetPerformance"/>): the equity curve (realized − fees + unrealized) gets a point
/// after every fill and on the first event of every <see cref="TradingOptions.EquityIntervalNs"/>, each handed to the
/// sink; drawdown, interval returns, round trips and time in market are measured on the way.</para>
/// <para><b>PnL</b>, average-cost method: the open position carries its cost basis C = Σ quantity × price (signed). A
/// fill in the position's direction adds to C. A reducing fill of q units out of |P| releases C × q / |P| (Int128
/// division toward zero on raw values: at most 10^-16 off per fill) and realizes the difference with the fill price;
/// the part of a fill beyond |P| opens the opposite position at the fill price. Unrealized PnL is P × mark − C, the mark
/// being the mid when both sides are quoted, else the last trade. Sums are Int128 over raw values (scale 10^16),
/// converted to decimal on read.</para>
/// <para>Written by the strategy thread only; read after the pipeline has stopped.</para>
/// </remarks>
public sealed class TradingState
{
    private readonly SymbolBook[] _books;
    private readonly PendingOrder[] _orders;
    private readonly long[] _suppressed; // by IntentResult
    private readonly long _fillLatencyNs;
    private readonly long _maxPositionRaw;
    private readonly long _maxOrderQuantityRaw;
    private readonly Int128 _maxNotional; // scale 10^16
    private readonly long _feeBpsRaw;
    private readonly long _feePerUnitRaw;
    private readonly long _slippageBpsRaw;
    private readonly PerformanceTracker _performance;
    private ISignalSink? _sink;
    private int _free;
    private int _openOrders;
    private long _unfilled;
    private long _tradeCount;
    private long _quoteCount;

    public TradingState(SymbolTable symbols, in TradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        options.Validate();
        Options = options;
        _fillLatencyNs = options.FillLatencyNs;
        _maxPositionRaw = options.Risk.MaxPosition.Raw;
        _maxOrderQuantityRaw = options.Risk.MaxOrderQuantity.Raw;
        _maxNotional = (Int128)options.Risk.MaxNotional.Raw * FixedPoint.Scale;
        _books = new SymbolBook[symbols.Capacity];
        for (int i = 0; i < _books.Length; i++)
        {
            _books[i].PendingHead = -1;
            _books[i].PendingTail = -1;
        }

        _orders = new PendingOrder[options.MaxOpenOrders];
        for (int i = 0; i < _orders.Length; i++)
        {
            _orders[i].Next = i + 1 < _orders.Length ? i + 1 : -1;
        }

        _suppressed = new long[(int)IntentResult.BeyondRange + 1];
        _feeBpsRaw = options.FeeBps.Raw;
        _feePerUnitRaw = options.FeePerUnit.Raw;
        _slippageBpsRaw = options.SlippageBps.Raw;
        _performance = new PerformanceTracker(_books, options.EquityIntervalNs, options.StartingCapital);
        Signals = new SignalLog(options.SignalLogCapacity, symbols.Capacity);
        Fills = new FillLog(options.FillLogCapacity, symbols.Capacity);
    }

    public TradingOptions Options { get; }

    /// <summary>Symbol ids this state has room for.</summary>
    public int SymbolCapacity => _books.Length;

    /// <summary>Every accepted order (a signal), in sequence order.</summary>
    public SignalLog Signals { get; }

    /// <summary>Every simulated execution, in sequence order.</summary>
    public FillLog Fills { get; }

    /// <summary>
    /// Receives every signal and fill on the strategy thread (a CSV writer, the host's signal hub, a Kafka topic).
    /// Set it before the pipeline starts.
    /// </summary>
    public ISignalSink? Sink
    {
        get => _sink;
        set
        {
            _sink = value;
            _performance.Sink = value;
        }
    }

    /// <summary>Accepted trades the strategy saw.</summary>
    public long TradeCount => _tradeCount;

    /// <summary>Accepted quotes the strategy saw.</summary>
    public long QuoteCount => _quoteCount;

    /// <summary>Intents suppressed by the risk limits, all reasons.</summary>
    public long SuppressedCount => _suppressed.Sum();

    /// <summary>Limit orders cancelled because the market was worse than their limit when they came due.</summary>
    public long UnfilledCount => _unfilled;

    /// <summary>Orders accepted but not filled yet (at the end of a run: no later event of their symbol came).</summary>
    public int OpenOrderCount => _openOrders;

    /// <summary>Realized PnL before fees, all symbols (kept as a running total by the performance tracker).</summary>
    public decimal TotalRealizedPnl => ToMoney(_performance.Realized);

    /// <summary>Unrealized PnL of every open position at its mark.</summary>
    public decimal TotalUnrealizedPnl => ToMoney(_performance.Unrealized());

    /// <summary>Realized + unrealized − fees, all symbols.</summary>
    public decimal TotalPnl => TotalRealizedPnl + TotalUnrealizedPnl - TotalFees;

    /// <summary>Every fill's fee, all symbols.</summary>
    public decimal TotalFees => ToMoney(_performance.Fees);

    /// <summary>The run's statistics so far: PnL, fees, drawdown, Sharpe, round trips, turnover, time in market.</summary>
    public PerformanceSummary GetPerformance() => _performance.Summary();

    /// <summary>Intents suppressed for <paramref name="reason"/>; zero for <see cref="IntentResult.Accepted"/>.</summary>
    public long GetSuppressedCount(IntentResult reason) =>
        reason != IntentResult.Accepted && (uint)reason < (uint)_suppressed.Length ? _suppressed[(int)reason] : 0;

    /// <summary>Signed position: positive long, negative short.</summary>
    public FixedPoint GetPosition(SymbolId symbol) => FixedPoint.FromRaw(Book(symbol).PositionRaw);

    /// <summary>Average cost of the open position (C / P, rounded half up); zero when flat.</summary>
    public FixedPoint GetAverageCost(SymbolId symbol) => FixedPoint.FromRaw(AverageCostRaw(in Book(symbol)));

    /// <summary>Last accepted trade price; zero before the first trade.</summary>
    public FixedPoint GetLastPrice(SymbolId symbol) => FixedPoint.FromRaw(Book(symbol).LastPriceRaw);

    /// <summary>The price unrealized PnL is marked at: the mid when both sides are quoted, else the last trade.</summary>
    public FixedPoint GetMarkPrice(SymbolId symbol) => FixedPoint.FromRaw(Book(symbol).MarkRaw);

    public decimal GetRealizedPnl(SymbolId symbol) => ToMoney(Book(symbol).Realized);

    public decimal GetUnrealizedPnl(SymbolId symbol) => ToMoney(Unrealized(in Book(symbol)));

    /// <summary>Realized + unrealized − fees of <paramref name="symbol"/>.</summary>
    public decimal GetTotalPnl(SymbolId symbol) => GetRealizedPnl(symbol) + GetUnrealizedPnl(symbol) - GetFees(symbol);

    /// <summary>Fees of the symbol's fills.</summary>
    public decimal GetFees(SymbolId symbol) => ToMoney(Book(symbol).Fees);

    /// <summary>Quantity of accepted, unfilled orders on <paramref name="side"/>.</summary>
    public FixedPoint GetOpenQuantity(SymbolId symbol, SignalSide side)
    {
        ref readonly SymbolBook book = ref Book(symbol);
        return FixedPoint.FromRaw(side == SignalSide.Buy ? book.OpenBuyRaw : side == SignalSide.Sell ? book.OpenSellRaw : 0);
    }

    internal ref SymbolBook BookOf(int id) => ref _books[id];

    /// <summary>Applies an accepted event's prices to its symbol's book, then fills the symbol's orders that are due.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref SymbolBook OnMarketEvent(ref MarketEvent e, long sequence)
    {
        ref SymbolBook book = ref _books[e.Symbol.Value];
        if (e.Kind == MarketEventKind.Trade)
        {
            book.LastPriceRaw = e.Price.Raw;
            book.LastSizeRaw = e.Size.Raw;
            _tradeCount++;
        }
        else
        {
            book.BidRaw = e.BidPrice.Raw;
            book.BidSizeRaw = e.BidSize.Raw;
            book.AskRaw = e.AskPrice.Raw;
            book.AskSizeRaw = e.AskSize.Raw;
            _quoteCount++;
        }

        _performance.Observe(e.TimestampNs);
        if (book.PendingHead >= 0)
        {
            FillDue(ref book, e.Symbol, e.TimestampNs, sequence);
        }

        _performance.OnEvent(e.TimestampNs);
        return ref book;
    }

    /// <summary>Risk-checks an intent on the current event's symbol; accepted, it is logged and queued for its fill.</summary>
    internal IntentResult Submit(ref SymbolBook book, SymbolId symbol, in OrderIntent intent, long sequence, long timestampNs)
    {
        IntentResult result = Check(in book, in intent, out long priceRaw);
        if (result != IntentResult.Accepted)
        {
            _suppressed[(int)result]++;
            return result;
        }

        int slot = _free;
        ref PendingOrder order = ref _orders[slot];
        _free = order.Next;
        _openOrders++;
        long quantity = intent.Quantity.Raw;
        order.QuantityRaw = quantity;
        order.LimitRaw = intent.LimitPrice.Raw;
        order.DueNs = timestampNs > long.MaxValue - _fillLatencyNs ? long.MaxValue : timestampNs + _fillLatencyNs;
        order.SignalSequence = sequence;
        order.Side = intent.Side;
        order.Type = intent.Type;
        order.Reason = intent.Reason;
        order.Next = -1;
        if (book.PendingTail >= 0)
        {
            _orders[book.PendingTail].Next = slot;
        }
        else
        {
            book.PendingHead = slot;
        }

        book.PendingTail = slot;
        if (intent.Side == SignalSide.Buy)
        {
            book.OpenBuyRaw += quantity;
        }
        else
        {
            book.OpenSellRaw += quantity;
        }

        var signal = new Signal(symbol, intent.Side, intent.Quantity, FixedPoint.FromRaw(priceRaw), timestampNs, sequence, intent.Reason, intent.Type);
        Signals.Append(in signal);
        _sink?.OnSignal(in signal);
        return IntentResult.Accepted;
    }

    private IntentResult Check(in SymbolBook book, in OrderIntent intent, out long priceRaw)
    {
        priceRaw = 0;
        long quantity = intent.Quantity.Raw;
        bool buy = intent.Side == SignalSide.Buy;
        if (quantity <= 0 || (!buy && intent.Side != SignalSide.Sell)
            || (intent.Type != OrderType.Market && (intent.Type != OrderType.Limit || intent.LimitPrice.Raw <= 0)))
        {
            return IntentResult.Invalid;
        }

        priceRaw = intent.Type == OrderType.Limit ? intent.LimitPrice.Raw : book.MarketPriceRaw(intent.Side);
        if (priceRaw <= 0)
        {
            return IntentResult.NoPrice;
        }

        // Worst case on this side: every open order on it fills, then this one.
        Int128 before = buy ? (Int128)book.PositionRaw + book.OpenBuyRaw : (Int128)book.PositionRaw - book.OpenSellRaw;
        Int128 after = buy ? before + quantity : before - quantity;
        Int128 open = (Int128)(buy ? book.OpenBuyRaw : book.OpenSellRaw) + quantity;
        if (after > long.MaxValue || after < -long.MaxValue || open > long.MaxValue)
        {
            return IntentResult.BeyondRange; // positions and open quantities are longs of raw units
        }

        Int128 exposure = Int128.Abs(after);
        if (exposure <= Int128.Abs(before))
        {
            return _free >= 0 ? IntentResult.Accepted : IntentResult.TooManyOpenOrders; // reduces exposure: no limit applies
        }

        if (_maxOrderQuantityRaw > 0 && quantity > _maxOrderQuantityRaw)
        {
            return IntentResult.MaxOrderQuantity;
        }

        if (_maxPositionRaw > 0 && exposure > _maxPositionRaw)
        {
            return IntentResult.MaxPosition;
        }

        if (_maxNotional > 0 && exposure * priceRaw > _maxNotional)
        {
            return IntentResult.MaxNotional;
        }

        return _free >= 0 ? IntentResult.Accepted : IntentResult.TooManyOpenOrders;
    }

    private void FillDue(ref SymbolBook book, SymbolId symbol, long timestampNs, long sequence)
    {
        // A symbol's orders were accepted in its event order, so the first one not yet due ends the run.
        while (book.PendingHead >= 0)
        {
            int slot = book.PendingHead;
            ref PendingOrder order = ref _orders[slot];
            if (timestampNs < order.DueNs)
            {
                return;
            }

            book.PendingHead = order.Next;
            if (book.PendingHead < 0)
            {
                book.PendingTail = -1;
            }

            if (order.Side == SignalSide.Buy)
            {
                book.OpenBuyRaw -= order.QuantityRaw;
            }
            else
            {
                book.OpenSellRaw -= order.QuantityRaw;
            }

            // Back to the pool before the fill is reported, so a sink that throws cannot leak the slot.
            PendingOrder filled = order;
            order.Next = _free;
            _free = slot;
            _openOrders--;

            long price = book.MarketPriceRaw(filled.Side);
            bool marketable = price > 0 && (filled.Type == OrderType.Market
                || (filled.Side == SignalSide.Buy ? price <= filled.LimitRaw : price >= filled.LimitRaw));
            if (marketable)
            {
                Execute(ref book, symbol, in filled, price, timestampNs, sequence);
            }
            else
            {
                _unfilled++;
            }
        }
    }

    private void Execute(ref SymbolBook book, SymbolId symbol, in PendingOrder order, long marketPrice, long timestampNs, long sequence)
    {
        long quantity = order.Side == SignalSide.Buy ? order.QuantityRaw : -order.QuantityRaw;
        long price = Slipped(marketPrice, order.Side);
        long position = book.PositionRaw;
        Int128 realizedBefore = book.Realized;
        if (position == 0 || (position > 0) == (quantity > 0))
        {
            book.CostBasis += (Int128)quantity * price;
        }
        else
        {
            long held = Math.Abs(position);
            long traded = Math.Abs(quantity);
            long closing = Math.Min(held, traded);
            Int128 released = book.CostBasis * closing / held; // signed like the position
            Int128 value = (Int128)closing * price;
            book.Realized += position > 0 ? value - released : -released - value;
            book.CostBasis -= released;
            long opening = traded - closing; // beyond the old position: opens the other way (C was released in full)
            if (opening > 0)
            {
                book.CostBasis += (Int128)(quantity > 0 ? opening : -opening) * price;
            }
        }

        Int128 notional = (Int128)order.QuantityRaw * price; // scale 10^16
        Int128 fee = Fee(notional, order.QuantityRaw);
        book.Fees += fee;
        book.PositionRaw = position + quantity;
        var fill = new Fill(symbol, order.Side, FixedPoint.FromRaw(order.QuantityRaw), FixedPoint.FromRaw(price), timestampNs, sequence,
            order.SignalSequence, order.Reason, FixedPoint.FromRaw(book.PositionRaw), book.Realized, fee);
        Fills.Append(in fill);
        _sink?.OnFill(in fill);
        _performance.OnFill(symbol.Value, position, book.Realized - realizedBefore, fee, notional, timestampNs);
    }

    /// <summary>The market price moved <see cref="TradingOptions.SlippageBps"/> against the order, rounded against it.</summary>
    private long Slipped(long price, SignalSide side)
    {
        if (_slippageBpsRaw == 0)
        {
            return price;
        }

        // price × bps / 10^4, bps raw at scale 10^8: rounded up, so the order never gets the better side of a raw unit.
        Int128 product = (Int128)price * _slippageBpsRaw;
        Int128 divisor = (Int128)10_000 * FixedPoint.Scale;
        long slip = (long)((product + divisor - 1) / divisor);
        return side == SignalSide.Buy ? price + slip : Math.Max(price - slip, 1);
    }

    /// <summary>notional × FeeBps / 10^4 (rounded half up to 10^-16) + quantity × FeePerUnit, raw at scale 10^16.</summary>
    private Int128 Fee(Int128 notional, long quantityRaw)
    {
        Int128 fee = (Int128)quantityRaw * _feePerUnitRaw;
        if (_feeBpsRaw != 0)
        {
            Int128 divisor = (Int128)10_000 * FixedPoint.Scale;
            fee += notional <= Int128.MaxValue / _feeBpsRaw
                ? ScaledDecimal.DivideRounded(notional * _feeBpsRaw, divisor)
                : notional / divisor * _feeBpsRaw; // a fill past ~10^14 of notional: within bps × 10^-8 of a unit of money
        }

        return fee;
    }

    internal static long AverageCostRaw(in SymbolBook book)
    {
        long position = book.PositionRaw;
        if (position == 0)
        {
            return 0;
        }

        // C and P share their sign, so C / P = |C| / |P|.
        Int128 cost = position > 0 ? book.CostBasis : -book.CostBasis;
        return (long)ScaledDecimal.DivideRounded(cost, Math.Abs(position));
    }

    internal static Int128 Unrealized(in SymbolBook book) =>
        book.PositionRaw == 0 ? Int128.Zero : ((Int128)book.PositionRaw * book.MarkRaw) - book.CostBasis;

    internal static decimal ToMoney(Int128 raw) => ScaledDecimal.ToDecimal(raw, 2 * FixedPoint.Decimals);

    private ref readonly SymbolBook Book(SymbolId symbol)
    {
        if ((uint)symbol.Value >= (uint)_books.Length)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(symbol), "The symbol id is outside the table's capacity.");
        }

        return ref _books[symbol.Value];
    }
}
