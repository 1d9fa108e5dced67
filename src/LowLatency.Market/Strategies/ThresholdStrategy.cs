using System.Runtime.CompilerServices;

namespace LowLatency.Market.Strategies;

/// <summary>
/// Buys dips and sells rallies around a level: a buy when the price (trade price, or mid on quotes) crosses below
/// the buy level, a sell when it crosses above the sell level, one order per crossing, within
/// <see cref="ThresholdOptions.MaxOrders"/> orders' worth of position. The levels are
/// <see cref="ThresholdOptions.BuyBelowBps"/> / <see cref="ThresholdOptions.SellAboveBps"/> around the fair price (the
/// rolling VWAP, or the rolling mid on quote-only data) unless absolute levels are given (the classic demo: 150 both ways).
/// </summary>
/// <remarks>A crossing fires once: the side re-arms when the price is back between the levels, so a run of prints
/// below the level is one signal, not one per print.</remarks>
public struct ThresholdStrategy : IStrategy<ThresholdStrategy>
{
    /// <summary>Reason code: the price crossed below the buy level.</summary>
    public const byte BelowBuyLevel = 1;

    /// <summary>Reason code: the price crossed above the sell level.</summary>
    public const byte AboveSellLevel = 2;

    private readonly ThresholdOptions _options;
    private readonly sbyte[] _zone; // per symbol: -1 below the buy level, 0 between, +1 above the sell level

    public ThresholdStrategy(ThresholdOptions options, int symbolCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BuyBelowBps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SellAboveBps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxOrders);
        if (options.BuyBelow is { } buy && options.SellAbove is { } sell && sell < buy)
        {
            throw new ArgumentException($"SellAbove ({sell}) must be at least BuyBelow ({buy}).", nameof(options));
        }

        _options = options;
        _zone = new sbyte[symbolCapacity];
    }

    public static string Name => "threshold";

    public static string Description =>
        "Buys when the price crosses a level under the fair price (rolling VWAP, or rolling mid on quotes), sells when it crosses one over it.";

    public static ThresholdStrategy Create(StrategyParameters parameters, StrategySetup setup)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var defaults = new ThresholdOptions();
        var options = new ThresholdOptions
        {
            BuyBelowBps = parameters.Int32("buy-below-bps", defaults.BuyBelowBps, 1, 10_000, "buy when the price is this many bps under the fair price"),
            SellAboveBps = parameters.Int32("sell-above-bps", defaults.SellAboveBps, 1, 10_000, "sell when the price is this many bps over the fair price"),
            BuyBelow = parameters.OptionalFixedPoint("buy-below", 0.00000001m, 1_000_000_000m, "absolute buy level instead of buy-below-bps"),
            SellAbove = parameters.OptionalFixedPoint("sell-above", 0.00000001m, 1_000_000_000m, "absolute sell level instead of sell-above-bps"),
            OrderNotional = parameters.FixedPoint("order-notional", defaults.OrderNotional.ToDecimal(), 0.00000001m, 1_000_000_000m,
                "money per order, turned into units at the current price"),
            OrderQuantity = parameters.FixedPoint("order-quantity", 0m, 0m, 1_000_000_000m, "units per order instead of order-notional (0 = use order-notional)"),
            MaxOrders = parameters.Int32("max-orders", defaults.MaxOrders, 1, 1_000_000, "stay within this many orders' worth of position either way"),
        };
        if (options.BuyBelow is { } buy && options.SellAbove is { } sell && sell < buy)
        {
            throw parameters.Error("sell-above", $"must be at least buy-below (got {sell} and {buy}).");
        }

        return new ThresholdStrategy(options, setup.SymbolCapacity);
    }

    public static string ReasonName(byte reason) => reason switch
    {
        BelowBuyLevel => "below_buy_level",
        AboveSellLevel => "above_sell_level",
        _ => "unknown",
    };

    public void OnTrade(ref StrategyContext context) => Evaluate(ref context);

    public void OnQuote(ref StrategyContext context) => Evaluate(ref context);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Evaluate(ref StrategyContext context)
    {
        FixedPoint price = context.Price;
        FixedPoint fair = FairPrice.Of(ref context);
        bool below = _options.BuyBelow is { } buyLevel ? price < buyLevel : fair.Raw > 0 && FairPrice.IsBelowBy(price, fair, _options.BuyBelowBps);
        bool above = _options.SellAbove is { } sellLevel ? price > sellLevel : fair.Raw > 0 && FairPrice.IsAboveBy(price, fair, _options.SellAboveBps);
        sbyte zone = below ? (sbyte)-1 : above ? (sbyte)1 : (sbyte)0;
        ref sbyte last = ref _zone[context.Symbol.Value];
        if (zone == last)
        {
            return;
        }

        last = zone;
        if (zone == 0)
        {
            return; // back between the levels: both sides re-armed
        }

        FixedPoint quantity = _options.OrderQuantity.Raw > 0 ? _options.OrderQuantity : OrderSizing.ForNotional(_options.OrderNotional, price);
        if (quantity.Raw <= 0)
        {
            return;
        }

        Int128 limit = (Int128)quantity.Raw * _options.MaxOrders;
        long exposure = context.Exposure.Raw;
        if (zone < 0 && exposure + (Int128)quantity.Raw <= limit)
        {
            context.Buy(quantity, BelowBuyLevel);
        }
        else if (zone > 0 && -(exposure - (Int128)quantity.Raw) <= limit)
        {
            context.Sell(quantity, AboveSellLevel);
        }
    }
}
