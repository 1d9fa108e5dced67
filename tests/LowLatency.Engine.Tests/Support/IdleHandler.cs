using System.Collections.Concurrent;

namespace LowLatency.Engine.Tests.Support;

/// <summary>Records the sequence of every idle timeout, readable from the test thread while the pipeline runs.</summary>
internal struct IdleHandler(ConcurrentQueue<long> timeouts) : IEventHandler<TestEvent>
{
    public long Count;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) => Count++;

    public void OnTimeout(long sequence) => timeouts.Enqueue(sequence);
}
