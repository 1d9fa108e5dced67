using LowLatency.Market.Strategies;

namespace LowLatency.Kafka.Tests;

/// <summary>
/// A test strategy that places no orders and counts every trade it sees by id, the id being the trade's timestamp less
/// <see cref="BridgeTestKit.OpenNs"/> (see <see cref="BridgeTestKit.PublishTrades"/>): proof that the strategy itself
/// saw each tick, and how often. The counts are static because a strategy is created by the pipeline; one test at a
/// time sets them.
/// </summary>
internal struct TickIdCountingStrategy : IStrategy<TickIdCountingStrategy>
{
    public static int[] Seen { get; set; } = [];

    public static string Name => "count-tick-ids";

    public static TickIdCountingStrategy Create(StrategyParameters parameters, StrategySetup setup) => default;

    public readonly void OnTrade(ref StrategyContext context) => Interlocked.Increment(ref Seen[(int)(context.TimestampNs - BridgeTestKit.OpenNs)]);

    public readonly void OnQuote(ref StrategyContext context)
    {
    }
}
