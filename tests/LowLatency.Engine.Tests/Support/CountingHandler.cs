namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// Counts and sums what it sees, and checks each event arrives once and in order (the n-th call must carry sequence
/// n) from a slot nobody overwrote (the slot's stamp equals its sequence).
/// </summary>
internal struct CountingHandler : IEventHandler<TestEvent>
{
    public long Count;
    public long Sum;
    public long OutOfOrder;
    public long Overwritten;
    public long EndOfBatchCount;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        if (sequence != Count)
        {
            OutOfOrder++;
        }

        if (data.Sequence != sequence)
        {
            Overwritten++;
        }

        if (endOfBatch)
        {
            EndOfBatchCount++;
        }

        Count++;
        Sum += data.Value;
    }
}
