namespace LowLatency.Market.Handlers;

/// <summary>Signal rule of the strategy stage.</summary>
public enum StrategyKind
{
    /// <summary>Buy when a trade prints below <see cref="StrategyOptions.BuyBelow"/>, sell above <see cref="StrategyOptions.SellAbove"/>.</summary>
    Threshold = 0,

    /// <summary>Buy when a trade prints at least <see cref="StrategyOptions.BuyBelowVwapBps"/> under the rolling VWAP,
    /// sell at least <see cref="StrategyOptions.SellAboveVwapBps"/> over it.</summary>
    VwapMeanReversion = 1,
}
