namespace LowLatency.Engine.Tests.Support;

/// <summary>Records the highest sequence it saw and signals <c>reached</c> once it sees <c>watchedSequence</c> or later.</summary>
internal struct WatchHandler(long watchedSequence, ManualResetEventSlim reached) : IEventHandler<TestEvent>
{
    public long Count;
    public long HighestSeen = Sequence.InitialValue;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        Count++;
        HighestSeen = sequence;
        if (sequence >= watchedSequence)
        {
            reached.Set();
        }
    }
}
