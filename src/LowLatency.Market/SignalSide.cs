namespace LowLatency.Market;

/// <summary>Direction of a strategy signal; written into <see cref="MarketEvent.Signal"/> by the strategy stage.</summary>
public enum SignalSide : byte
{
    None = 0,
    Buy = 1,
    Sell = 2,
}
