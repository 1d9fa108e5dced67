namespace LowLatency.Market.Strategies;

/// <summary>
/// Fades deviations from the fair price (the rolling VWAP, or the rolling mid on quote-only data): enters long when the
/// price is <see cref="VwapMeanReversionOptions.EntryBps"/> under it (short when as far over it), exits the whole
/// position when the price is back within <see cref="VwapMeanReversionOptions.ExitBps"/> of it, or at a stop
/// <see cref="VwapMeanReversionOptions.StopBps"/> against the average cost. One position per symbol at a time, so the
/// signals pair up into round trips.
/// </summary>
/// <remarks>After an exit the entry re-arms only once the price is back inside the entry band, so a stop is not
/// followed at once by the same losing entry.</remarks>
public struct VwapMeanReversionStrategy : IStrategy<VwapMeanReversionStrategy>
{
    /// <summary>Reason code: long entry, the price is under the fair price by the entry distance.</summary>
    public const byte EntryBelowFair = 1;

    /// <summary>Reason code: short entry, the price is over the fair price by the entry distance.</summary>
    public const byte EntryAboveFair = 2;

    /// <summary>Reason code: exit, the price is back at the fair price.</summary>
    public const byte ExitAtFair = 3;

    /// <summary>Reason code: exit, the price moved the stop distance against the position.</summary>
    public const byte StopLoss = 4;

    private readonly VwapMeanReversionOptions _options;
    private readonly bool[] _disarmed; // per symbol: exited, waiting for the price to come back inside the entry band

    public VwapMeanReversionStrategy(VwapMeanReversionOptions options, int symbolCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.EntryBps);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ExitBps);
        ArgumentOutOfRangeException.ThrowIfNegative(options.StopBps);
        if (options.ExitBps >= options.EntryBps)
        {
            throw new ArgumentException($"ExitBps ({options.ExitBps}) must be below EntryBps ({options.EntryBps}).", nameof(options));
        }

        _options = options;
        _disarmed = new bool[symbolCapacity];
    }

    public static string Name => "vwap-mean-reversion";

    public static string Description =>
        "Enters against a deviation from the fair price (rolling VWAP, or rolling mid on quotes), exits back at it or at a stop.";

    public static VwapMeanReversionStrategy Create(StrategyParameters parameters, StrategySetup setup)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var defaults = new VwapMeanReversionOptions();
        var options = new VwapMeanReversionOptions
        {
            EntryBps = parameters.Int32("entry-bps", defaults.EntryBps, 1, 10_000, "enter when the price is this many bps away from the fair price"),
            ExitBps = parameters.Int32("exit-bps", defaults.ExitBps, 0, 9_999, "exit when the price is back within this many bps of the fair price"),
            StopBps = parameters.Int32("stop-bps", defaults.StopBps, 0, 10_000, "exit when the price moved this many bps against the average cost (0 = no stop)"),
            OrderNotional = parameters.FixedPoint("order-notional", defaults.OrderNotional.ToDecimal(), 0.00000001m, 1_000_000_000m,
                "money per entry, turned into units at the current price"),
            OrderQuantity = parameters.FixedPoint("order-quantity", 0m, 0m, 1_000_000_000m, "units per entry instead of order-notional (0 = use order-notional)"),
            AllowShort = parameters.Boolean("allow-short", defaults.AllowShort, "also sell short over the fair price"),
        };
        if (options.ExitBps >= options.EntryBps)
        {
            throw parameters.Error("exit-bps", $"must be below entry-bps (got {options.ExitBps} and {options.EntryBps}).");
        }

        return new VwapMeanReversionStrategy(options, setup.SymbolCapacity);
    }

    public static string ReasonName(byte reason) => reason switch
    {
        EntryBelowFair => "entry_below_fair",
        EntryAboveFair => "entry_above_fair",
        ExitAtFair => "exit_at_fair",
        StopLoss => "stop_loss",
        _ => "unknown",
    };

    public void OnTrade(ref StrategyContext context) => Evaluate(ref context);

    public void OnQuote(ref StrategyContext context) => Evaluate(ref context);

    private readonly void Evaluate(ref StrategyContext context)
    {
        FixedPoint fair = FairPrice.Of(ref context);
        if (fair.Raw <= 0)
        {
            return;
        }

        FixedPoint price = context.Price;
        long position = context.Position.Raw;
        if (context.OpenBuyQuantity.Raw != 0 || context.OpenSellQuantity.Raw != 0)
        {
            return; // an order is on its way: decide again once it has filled
        }

        if (position == 0)
        {
            Enter(ref context, price, fair);
        }
        else if (position > 0)
        {
            if (FairPrice.IsNotBelowBy(price, fair, _options.ExitBps))
            {
                Exit(ref context, ExitAtFair);
            }
            else if (_options.StopBps > 0 && FairPrice.IsBelowBy(price, context.AverageCost, _options.StopBps))
            {
                Exit(ref context, StopLoss);
            }
        }
        else if (FairPrice.IsNotAboveBy(price, fair, _options.ExitBps))
        {
            Exit(ref context, ExitAtFair);
        }
        else if (_options.StopBps > 0 && FairPrice.IsAboveBy(price, context.AverageCost, _options.StopBps))
        {
            Exit(ref context, StopLoss);
        }
    }

    private readonly void Enter(ref StrategyContext context, FixedPoint price, FixedPoint fair)
    {
        bool below = FairPrice.IsBelowBy(price, fair, _options.EntryBps);
        bool above = _options.AllowShort && FairPrice.IsAboveBy(price, fair, _options.EntryBps);
        ref bool disarmed = ref _disarmed[context.Symbol.Value];
        if (disarmed)
        {
            disarmed = below || FairPrice.IsAboveBy(price, fair, _options.EntryBps);
            return;
        }

        if (!below && !above)
        {
            return;
        }

        FixedPoint quantity = _options.OrderQuantity.Raw > 0 ? _options.OrderQuantity : OrderSizing.ForNotional(_options.OrderNotional, price);
        if (quantity.Raw > 0)
        {
            _ = below ? context.Buy(quantity, EntryBelowFair) : context.Sell(quantity, EntryAboveFair);
        }
    }

    private readonly void Exit(ref StrategyContext context, byte reason)
    {
        long position = context.Position.Raw;
        _ = position > 0
            ? context.Sell(FixedPoint.FromRaw(position), reason)
            : context.Buy(FixedPoint.FromRaw(-position), reason);
        _disarmed[context.Symbol.Value] = true;
    }
}
