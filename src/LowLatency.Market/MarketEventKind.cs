namespace LowLatency.Market;

/// <summary>What a <see cref="MarketEvent"/> carries. <see cref="None"/> marks an uninitialized slot.</summary>
public enum MarketEventKind : byte
{
    None = 0,
    Trade = 1,
    Quote = 2,
}
