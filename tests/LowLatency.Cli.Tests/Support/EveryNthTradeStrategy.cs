using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Tests.Support;

/// <summary>
/// A user's own strategy, written against the public API only: on every <c>every</c>-th trade of a symbol it buys
/// <c>quantity</c> units when it holds none and sells them back when it is long. Its signals are easy to work out by
/// hand, which is what the tests compare against.
/// </summary>
internal struct EveryNthTradeStrategy : IStrategy<EveryNthTradeStrategy>
{
    /// <summary>Reason code of every order it places.</summary>
    public const byte NthTrade = 7;

    private readonly int _every;
    private readonly FixedPoint _quantity;
    private readonly int[] _trades; // per symbol: trades seen

    private EveryNthTradeStrategy(int every, FixedPoint quantity, int symbolCapacity)
    {
        _every = every;
        _quantity = quantity;
        _trades = new int[symbolCapacity];
    }

    public static string Name => "every-nth";

    public static string Description => "Buys on every n-th trade of a symbol when flat, sells when long.";

    public static EveryNthTradeStrategy Create(StrategyParameters parameters, StrategySetup setup) => new(
        parameters.Int32("every", 2, 1, 1_000_000, "trade on every n-th trade of a symbol"),
        parameters.FixedPoint("quantity", 1m, 0.00000001m, 1_000_000m, "units per order"),
        setup.SymbolCapacity);

    public static string ReasonName(byte reason) => reason == NthTrade ? "nth_trade" : "unknown";

    public readonly void OnTrade(ref StrategyContext context)
    {
        int trades = ++_trades[context.Symbol.Value];
        if (trades % _every == 0)
        {
            _ = context.Exposure.Raw > 0 ? context.Sell(_quantity, NthTrade) : context.Buy(_quantity, NthTrade);
        }
    }

    public readonly void OnQuote(ref StrategyContext context)
    {
    }
}
