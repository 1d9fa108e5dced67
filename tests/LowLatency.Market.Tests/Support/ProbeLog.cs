namespace LowLatency.Market.Tests.Support;

/// <summary>
/// What a <see cref="ProbeHandler"/> stage saw: a copy of every slot as it reached the stage, and whether the stages it
/// watches had finished that event already. Written by the stage's thread only; read after the pipeline stopped.
/// </summary>
internal sealed class ProbeLog(int capacity, params ProbeLog[] watched)
{
    private long _progress = -1;

    public MarketEvent[] Seen { get; } = new MarketEvent[capacity];

    /// <summary>Per sequence: every watched stage had finished it when this stage saw it.</summary>
    public bool[] AfterWatched { get; } = new bool[capacity];

    /// <summary>Events seen, which must be every sequence in order.</summary>
    public long Count { get; private set; }

    public bool InOrder { get; private set; } = true;

    public void Record(in MarketEvent e, long sequence)
    {
        InOrder &= sequence == Count;
        Seen[sequence] = e;
        bool after = true;
        foreach (ProbeLog other in watched)
        {
            after &= Volatile.Read(ref other._progress) >= sequence; // acquire: pairs with the release below
        }

        AfterWatched[sequence] = after;
        Count++;
        Volatile.Write(ref _progress, sequence); // release: watchers see the sequence once this stage is done with it
    }
}
