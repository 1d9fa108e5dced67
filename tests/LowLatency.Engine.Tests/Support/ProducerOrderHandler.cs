namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// Consumer side of the multi-producer tests: each producer's numbers must arrive as 0, 1, 2, ... with no gap and
/// no duplicate, whatever the interleaving between producers.
/// </summary>
internal struct ProducerOrderHandler(int producerCount) : IEventHandler<TestEvent>
{
    public long Count;
    public long Violations;
    public long Overwritten;
    public readonly long[] NextExpected = new long[producerCount];

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        ref long expected = ref NextExpected[data.ProducerId];
        if (data.ProducerSequence != expected)
        {
            Violations++;
        }

        if (data.Sequence != sequence)
        {
            Overwritten++;
        }

        expected = data.ProducerSequence + 1;
        Count++;
    }
}
