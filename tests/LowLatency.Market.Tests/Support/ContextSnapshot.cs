using LowLatency.Market.Strategies;

namespace LowLatency.Market.Tests.Support;

/// <summary>Everything a strategy can read from its context, copied out so tests can compare what it saw.</summary>
internal readonly record struct ContextSnapshot(
    long Sequence,
    SymbolId Symbol,
    long TimestampNs,
    bool IsTrade,
    FixedPoint Price,
    bool HasTrade,
    FixedPoint LastTradePrice,
    FixedPoint LastTradeSize,
    bool HasQuote,
    FixedPoint BestBid,
    FixedPoint BestAsk,
    FixedPoint Mid,
    FixedPoint Vwap,
    FixedPoint RollingVwap,
    FixedPoint RollingMid,
    OhlcvBar? Bar,
    FixedPoint Position,
    FixedPoint OpenBuyQuantity,
    FixedPoint OpenSellQuantity,
    FixedPoint Exposure,
    FixedPoint AverageCost,
    decimal RealizedPnl,
    decimal UnrealizedPnl)
{
    public static ContextSnapshot Of(ref StrategyContext c) => new(
        c.Sequence, c.Symbol, c.TimestampNs, c.IsTrade, c.Price, c.HasTrade, c.LastTradePrice, c.LastTradeSize, c.HasQuote,
        c.BestBid, c.BestAsk, c.Mid, c.Vwap, c.RollingVwap, c.RollingMid, c.TryGetCurrentBar(out OhlcvBar bar) ? bar : null,
        c.Position, c.OpenBuyQuantity, c.OpenSellQuantity, c.Exposure, c.AverageCost, c.RealizedPnl, c.UnrealizedPnl);
}
