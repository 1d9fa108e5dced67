using LowLatency.Market.Handlers;

namespace LowLatency.Hosting.Settings;

/// <summary>Strategy rule (<c>LowLatency:Strategy</c>); prices and quantities as decimals.</summary>
public sealed class StrategySettings
{
    public StrategyKind Kind { get; set; } = StrategyKind.Threshold;

    public decimal BuyBelow { get; set; } = 150;

    public decimal SellAbove { get; set; } = 150;

    public int BuyBelowVwapBps { get; set; } = 20;

    public int SellAboveVwapBps { get; set; } = 20;

    public decimal OrderQuantity { get; set; } = 100;

    public decimal MaxPosition { get; set; } = 1_000;

    /// <summary>Signals kept in memory by the strategy's log (later ones are only counted); subscribers see them all.</summary>
    public int SignalLogCapacity { get; set; } = 10_000;
}
