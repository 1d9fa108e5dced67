using HdrHistogram;
using LowLatency.Benchmarks.Macro;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// Round trip through two rings, one message in flight: the producer (the calling thread) publishes into ring A, an
/// <see cref="EchoHandler"/> on A's handler thread publishes the stamp into ring B, and the producer waits for it on a
/// barrier over B's cursor with the same wait strategy, then records now − send time. Both rings use the variant's
/// strategy (one instance each). B is gated by the producer's read sequence, so the echo never laps it.
/// </summary>
internal sealed class RingPingPongRig : ILatencyRig
{
    private const int RingSize = 1024;

    private readonly EventPipeline<MarketEvent> _ping;
    private readonly RingBuffer<MarketEvent> _pong;
    private readonly SequenceBarrier _pongBarrier;
    private readonly Sequence _pongRead = new();
    private readonly LongHistogram _histogram = new(MarketPipeline.MaxRecordedLatencyNs, numberOfSignificantValueDigits: 3);
    private readonly StallWatchdog _watchdog;
    private readonly string _name;
    private long _sent;

    public RingPingPongRig(WaitStrategyKind waitStrategy)
    {
        _name = $"Ring ping-pong {waitStrategy}";
        _pong = RingBuffer<MarketEvent>.CreateSingleProducer(RingSize, WaitStrategy.Create(waitStrategy));
        _pong.Sequencer.AddGatingSequences(_pongRead);
        _pongBarrier = _pong.NewBarrier();
        _ping = new EventPipeline<MarketEvent>(RingSize, ProducerType.Single, WaitStrategy.Create(waitStrategy))
        {
            DefaultExceptionPolicy = ExceptionPolicy.Halt,
        };
        _ping.HandleEventsWith(new EchoHandler(_pong), new HandlerOptions { Name = "echo" });
        RingBuffer<MarketEvent> ping = _ping.RingBuffer;
        _watchdog = new StallWatchdog(() => ping.Sequencer.HighestClaimed, () => _pongRead.Value, () =>
        {
            _pongBarrier.Alert();
            _ping.Halt();
        });
        _ping.Start();
    }

    public HistogramBase Histogram => _histogram;

    public LatencyPhase RunPhase(TimeSpan duration, long eventsPerSecond)
    {
        RingBuffer<MarketEvent> ping = _ping.RingBuffer;
        RingBuffer<MarketEvent> pong = _pong;
        SequenceBarrier barrier = _pongBarrier;
        LongHistogram histogram = _histogram;
        long highest = histogram.HighestTrackableValue;
        long start = MonotonicClock.NowNs();
        long end = start + (long)(duration.TotalSeconds * 1e9);
        long count = 0;
        long now;
        do
        {
            long sentNs = MonotonicClock.NowNs();
            long sequence = ping.Next();
            ping[sequence].IngestTimestampNs = sentNs;
            ping.Publish(sequence);
            while (barrier.WaitFor(sequence) < sequence)
            {
                if (barrier.IsAlerted)
                {
                    throw new TimeoutException($"{_name}: no echo for more than {BoundedSpin.Timeout.TotalSeconds:0} s.");
                }
            }

            now = MonotonicClock.NowNs();
            if (pong[sequence].IngestTimestampNs != sentNs)
            {
                throw new InvalidOperationException($"{_name}: echo {sequence} carries another message's stamp.");
            }

            _pongRead.SetRelease(sequence); // release: the reply slot was read before the echo may reuse it
            long roundTrip = now - sentNs;
            histogram.RecordValue(roundTrip > highest ? highest : roundTrip);
            count++;
        }
        while (now < end);

        _sent += count;
        return new LatencyPhase(count, now - start);
    }

    public void StopAndVerify()
    {
        _watchdog.Dispose();
        if (!_ping.Shutdown(BoundedSpin.Timeout))
        {
            throw new InvalidOperationException($"{_name}: the echo did not stop ({_ping.State}).");
        }

        long echoed = _pong.Cursor + 1;
        if (echoed != _sent || _ping.Processors[0].FailureCount != 0)
        {
            throw new InvalidOperationException($"{_name}: sent {_sent}, echoed {echoed}.");
        }
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        _pongBarrier.Alert();
        _ping.Dispose();
    }
}
