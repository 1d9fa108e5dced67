using System.Diagnostics;
using LowLatency.Engine;

namespace LowLatency.Market.Generation;

/// <summary>
/// Publishes generated events straight into claimed ring slots, one at a time, optionally paced to a rate.
/// One instance per producing thread: it owns its generator.
/// </summary>
public sealed class GeneratorProducer
{
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly MarketEventGenerator _generator;

    public GeneratorProducer(RingBuffer<MarketEvent> ring, MarketEventGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(generator);
        _ring = ring;
        _generator = generator;
    }

    /// <summary>Events published together when producing flat out.</summary>
    public const int MaxBatch = 32;

    public long Published { get; private set; }

    /// <summary>
    /// Publishes <paramref name="count"/> events; <paramref name="eventsPerSecond"/> 0 means as fast as the ring takes
    /// them. Paced runs schedule event i at start + i/rate and never skip, so a stall is followed by a catch-up burst
    /// (what a feed handler does, and what latency measurement must see). Returns early when cancelled.
    /// </summary>
    public void Produce(long count, long eventsPerSecond, CancellationToken cancellation)
    {
        if (eventsPerSecond <= 0)
        {
            // Flat out: publish in runs, so the per-publish cost is paid once per run.
            var publisher = new BatchingPublisher<MarketEvent>(_ring, MaxBatch);
            long ingestNs = 0;
            for (long i = 0; i < count; i++)
            {
                if ((i & 0xFFFF) == 0 && cancellation.IsCancellationRequested)
                {
                    break;
                }

                ref MarketEvent slot = ref publisher.Claim();
                if (publisher.Pending == 1)
                {
                    ingestNs = MonotonicClock.NowNs(); // one clock read per run (see MarketEventSlot.Seal)
                }

                _generator.Next(ref slot); // overwrites every field
                MarketEventSlot.Seal(ref slot, ingestNs);
                publisher.Commit();
                Published++;
            }

            publisher.Flush();
            return;
        }

        long start = Stopwatch.GetTimestamp();
        double ticksPerEvent = (double)Stopwatch.Frequency / eventsPerSecond;
        for (long i = 0; i < count; i++)
        {
            long due = start + (long)(i * ticksPerEvent);
            if (!Pacer.WaitUntil(due, cancellation))
            {
                return;
            }

            PublishOne();
        }
    }

    private void PublishOne()
    {
        long sequence = _ring.Next();
        ref MarketEvent slot = ref _ring[sequence];
        _generator.Next(ref slot); // overwrites every field
        MarketEventSlot.Seal(ref slot);
        _ring.Publish(sequence);
        Published++;
    }
}
