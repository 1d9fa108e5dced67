namespace LowLatency.Market.Trading;

/// <summary>An accepted order waiting for its fill event, in the open-order pool; chained per symbol in arrival order.</summary>
internal struct PendingOrder
{
    public long QuantityRaw;
    public long LimitRaw;
    public long DueNs;
    public long SignalSequence;
    public int Next;          // next order of the same symbol, or the next free slot; -1 = none
    public SignalSide Side;
    public OrderType Type;
    public byte Reason;
}
