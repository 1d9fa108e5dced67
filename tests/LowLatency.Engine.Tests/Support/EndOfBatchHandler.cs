namespace LowLatency.Engine.Tests.Support;

/// <summary>Records which sequences were flagged as the end of a batch.</summary>
internal struct EndOfBatchHandler(List<long> endsOfBatch) : IEventHandler<TestEvent>
{
    public long Count;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        Count++;
        if (endOfBatch)
        {
            endsOfBatch.Add(sequence);
        }
    }
}
