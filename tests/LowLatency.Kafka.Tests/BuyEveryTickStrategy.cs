using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.Kafka.Tests;

/// <summary>
/// A test strategy: a market buy of one unit on every tick, trade or quote, so every tick the strategy sees makes
/// exactly one signal. Run it with the notional limit off (RiskLimits.MaxNotional 0), or the growing position is
/// stopped by it.
/// </summary>
internal struct BuyEveryTickStrategy : IStrategy<BuyEveryTickStrategy>
{
    /// <summary>Reason code of every order it places.</summary>
    public const byte Tick = 42;

    public static string Name => "buy-every-tick";

    public static BuyEveryTickStrategy Create(StrategyParameters parameters, StrategySetup setup) => default;

    public static string ReasonName(byte reason) => reason == Tick ? "tick" : "unknown";

    public readonly void OnTrade(ref StrategyContext context) => context.Buy(FixedPoint.FromInt(1), Tick);

    public readonly void OnQuote(ref StrategyContext context) => context.Buy(FixedPoint.FromInt(1), Tick);
}
