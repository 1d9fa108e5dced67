namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// Counts the batches <c>OnBatchStart</c> announces and checks each one: exactly that many events follow, the last
/// flagged end of batch. Optionally logs every batch size (allocates: not for allocation tests).
/// </summary>
internal struct BatchCountingHandler(List<long>? sizes = null) : IEventHandler<TestEvent>
{
    public long Batches;
    public long BatchedEvents;
    public long Events;
    public long Mismatches;
    private long _announced;
    private long _seen;

    public void OnBatchStart(long batchSize)
    {
        if (_seen != _announced)
        {
            Mismatches++; // the previous batch did not deliver what it announced
        }

        Batches++;
        BatchedEvents += batchSize;
        _announced = batchSize;
        _seen = 0;
        sizes?.Add(batchSize);
    }

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        Events++;
        _seen++;
        if (_seen > _announced || endOfBatch != (_seen == _announced))
        {
            Mismatches++;
        }
    }
}
