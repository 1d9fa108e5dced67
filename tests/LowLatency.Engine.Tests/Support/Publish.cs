namespace LowLatency.Engine.Tests.Support;

/// <summary>Producer loops used by the tests: every event carries its producer, its per-producer number and its sequence.</summary>
internal static class Publish
{
    /// <summary>Publishes <paramref name="count"/> events with values 1..count (sum count*(count+1)/2) one at a time.</summary>
    public static void Sequential(RingBuffer<TestEvent> ring, long count, int producerId = 0)
    {
        for (long n = 0; n < count; n++)
        {
            long sequence = ring.Next();
            Fill(ref ring[sequence], sequence, producerId, n);
            ring.Publish(sequence);
        }
    }

    /// <summary>Like <see cref="Sequential"/>, but claims with <see cref="RingBuffer{T}.TryNext(out long)"/>, yielding on a full ring.</summary>
    public static void WithTryNext(RingBuffer<TestEvent> ring, long count, int producerId = 0)
    {
        long deadline = Environment.TickCount64 + (long)Timeouts.Safety.TotalMilliseconds;
        for (long n = 0; n < count; n++)
        {
            long sequence;
            while (!ring.TryNext(out sequence))
            {
                if (Environment.TickCount64 > deadline)
                {
                    throw new TimeoutException("TryNext never found a free slot.");
                }

                Thread.Yield();
            }

            Fill(ref ring[sequence], sequence, producerId, n);
            ring.Publish(sequence);
        }
    }

    public static void Fill(ref TestEvent e, long sequence, int producerId, long n)
    {
        e.Value = n + 1;
        e.Sequence = sequence;
        e.ProducerId = producerId;
        e.ProducerSequence = n;
        e.MarkA = 0;
        e.MarkB = 0;
        e.MarkC = 0;
    }

    /// <summary>Sum of the values one producer publishes: 1 + 2 + ... + count.</summary>
    public static long SumOfValues(long count) => count * (count + 1) / 2;
}
