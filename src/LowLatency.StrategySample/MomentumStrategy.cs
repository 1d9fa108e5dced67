using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.StrategySample;

/// <summary>
/// A user's strategy: follows short-term momentum of the fair price. Every <c>lookback</c> of exchange time it
/// samples each symbol's fair price (the rolling VWAP, or the rolling mid when the symbol only quotes); when the fair
/// price has risen at least <c>entry-bps</c> since the last sample it goes long, when it has fallen as much it goes
/// short, and when the move is back under <c>exit-bps</c> it goes flat. Entries are limit orders at the far side of
/// the quote (or the last trade), so they fill only if the market has not run away by the next event. It does not
/// trade when the quoted spread is wider than <c>max-spread-bps</c>.
/// </summary>
public struct MomentumStrategy : IStrategy<MomentumStrategy>
{
    private readonly MomentumOptions _options;
    private readonly long[] _sampleTimeNs;   // per symbol: when the fair price was last sampled
    private readonly long[] _samplePriceRaw; // per symbol: the fair price then

    public MomentumStrategy(MomentumOptions options, int symbolCapacity)
    {
        _options = options;
        _sampleTimeNs = new long[symbolCapacity];
        _samplePriceRaw = new long[symbolCapacity];
    }

    public static string Name => "momentum";

    public static string Description => "Goes with the move of the fair price over a lookback window; limit entries, market exits.";

    /// <summary>Reads the parameters; each is declared with its default, range and description, which is what
    /// <c>strategies</c> lists and what a bad value is checked against.</summary>
    public static MomentumStrategy Create(StrategyParameters parameters, StrategySetup setup)
    {
        var options = new MomentumOptions
        {
            LookbackNs = parameters.DurationNs("lookback", 30_000_000_000, 1_000_000, 86_400_000_000_000, "how far back the fair price is compared"),
            EntryBps = parameters.Int32("entry-bps", 3, 1, 10_000, "enter when the fair price moved this many bps over the lookback"),
            ExitBps = parameters.Int32("exit-bps", 1, 0, 10_000, "go flat when the move is back under this many bps"),
            MaxSpreadBps = parameters.Int32("max-spread-bps", 20, 1, 10_000, "do not enter while the quoted spread is wider than this"),
            OrderNotional = parameters.FixedPoint("order-notional", 10_000m, 0.01m, 1_000_000_000m, "money per entry"),
        };
        return new MomentumStrategy(options, setup.SymbolCapacity);
    }

    public static string ReasonName(byte reason) => (MomentumReason)reason switch
    {
        MomentumReason.Up => "momentum_up",
        MomentumReason.Down => "momentum_down",
        MomentumReason.Faded => "momentum_faded",
        _ => "unknown",
    };

    public void OnTrade(ref StrategyContext context) => Decide(ref context);

    public void OnQuote(ref StrategyContext context) => Decide(ref context);

    private readonly void Decide(ref StrategyContext context)
    {
        int symbol = context.Symbol.Value;
        FixedPoint fair = context.RollingVwap.Raw > 0 ? context.RollingVwap : context.RollingMid;
        if (fair.Raw <= 0)
        {
            return;
        }

        long then = _samplePriceRaw[symbol];
        if (then == 0 || context.TimestampNs - _sampleTimeNs[symbol] >= _options.LookbackNs)
        {
            _sampleTimeNs[symbol] = context.TimestampNs;
            _samplePriceRaw[symbol] = fair.Raw;
            if (then == 0)
            {
                return; // the first sample: nothing to compare with yet
            }
        }

        if (context.OpenBuyQuantity.Raw != 0 || context.OpenSellQuantity.Raw != 0)
        {
            return; // an order is on its way
        }

        // Move since the sample in bps, compared without rounding: (fair - then) * 10_000 vs bps * then.
        Int128 move = ((Int128)fair.Raw - then) * 10_000;
        long position = context.Position.Raw;
        if (move >= (Int128)_options.EntryBps * then && position <= 0)
        {
            Enter(ref context, SignalSide.Buy, position);
        }
        else if (-move >= (Int128)_options.EntryBps * then && position >= 0)
        {
            Enter(ref context, SignalSide.Sell, position);
        }
        else if (position != 0 && Int128.Abs(move) < (Int128)_options.ExitBps * then)
        {
            _ = position > 0
                ? context.Sell(FixedPoint.FromRaw(position), (byte)MomentumReason.Faded)
                : context.Buy(FixedPoint.FromRaw(-position), (byte)MomentumReason.Faded);
        }
    }

    /// <summary>Turns the position to one order's worth on <paramref name="side"/>, with a limit at the far side.</summary>
    private readonly void Enter(ref StrategyContext context, SignalSide side, long position)
    {
        if (context.HasQuote && (((Int128)context.BestAsk.Raw - context.BestBid.Raw) * 10_000 > (Int128)_options.MaxSpreadBps * context.Mid.Raw))
        {
            return; // too wide to cross
        }

        FixedPoint limit = side == SignalSide.Buy
            ? (context.HasQuote ? context.BestAsk : context.LastTradePrice)
            : (context.HasQuote ? context.BestBid : context.LastTradePrice);
        FixedPoint size = OrderSizing.ForNotional(_options.OrderNotional, limit);
        if (size.Raw <= 0)
        {
            return;
        }

        // Close the opposite position and open the new one in one order.
        FixedPoint quantity = FixedPoint.FromRaw(size.Raw + Math.Abs(position));
        _ = side == SignalSide.Buy
            ? context.BuyLimit(quantity, limit, (byte)MomentumReason.Up)
            : context.SellLimit(quantity, limit, (byte)MomentumReason.Down);
    }
}
