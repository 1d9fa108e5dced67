namespace LowLatency.Engine.Tests.Support;

/// <summary>Counts events; its <c>OnBatchStart</c> throws on the given batch (1-based).</summary>
internal struct BatchStartThrowingHandler(int failingBatch) : IEventHandler<TestEvent>
{
    public long Count;
    private int _batches;

    public void OnBatchStart(long batchSize)
    {
        if (++_batches == failingBatch)
        {
            throw new InvalidOperationException("batch start failed");
        }
    }

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) => Count++;
}
