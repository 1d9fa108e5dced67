using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.Hosting.Tests.Support;

/// <summary>
/// A user's own strategy, written against the public API only: on every trade it buys <c>quantity</c> units when it
/// holds none (open orders included) and sells them back when it is long. So every accepted trade makes exactly one
/// signal, buys and sells alternate per symbol, and the position never exceeds one order: the tests can write its
/// signals down by hand.
/// </summary>
internal struct EveryTradeStrategy : IStrategy<EveryTradeStrategy>
{
    /// <summary>Reason code of every order it places.</summary>
    public const byte EveryTrade = 7;

    /// <summary>The name of <see cref="EveryTrade"/>.</summary>
    public const string EveryTradeName = "every_trade";

    private readonly FixedPoint _quantity;

    private EveryTradeStrategy(FixedPoint quantity) => _quantity = quantity;

    public static string Name => "every-trade";

    public static string Description => "Buys on every trade when flat, sells when long.";

    public static EveryTradeStrategy Create(StrategyParameters parameters, StrategySetup setup) =>
        new(parameters.FixedPoint("quantity", 1m, 0.00000001m, 1_000_000m, "units per order"));

    public static string ReasonName(byte reason) => reason == EveryTrade ? EveryTradeName : "unknown";

    public readonly void OnTrade(ref StrategyContext context) =>
        _ = context.Exposure.Raw > 0 ? context.Sell(_quantity, EveryTrade) : context.Buy(_quantity, EveryTrade);

    public readonly void OnQuote(ref StrategyContext context)
    {
    }
}
