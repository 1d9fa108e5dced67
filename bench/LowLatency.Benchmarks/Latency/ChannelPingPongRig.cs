using System.Threading.Channels;
using HdrHistogram;
using LowLatency.Benchmarks.Macro;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// The Channels rival of <see cref="RingPingPongRig"/>: a bounded ping channel, a <see cref="ChannelStage{THandler}"/>
/// that forwards every message into a bounded pong channel, one message in flight. Async (the idiomatic use: the
/// pinger awaits <c>ReadAsync</c>, the ponger <c>WaitToReadAsync</c>, both on the thread pool) or spinning (the pinger
/// on the calling thread and the ponger on a dedicated thread both poll <c>TryRead</c>, spin then yield).
/// </summary>
internal sealed class ChannelPingPongRig : ILatencyRig
{
    private const int Capacity = 1024;

    private readonly Channel<MarketEvent> _ping = CreateChannel();
    private readonly Channel<MarketEvent> _pong = CreateChannel();
    private readonly ChannelStage<ChecksumHandler> _ponger;
    private readonly LongHistogram _histogram = new(MarketPipeline.MaxRecordedLatencyNs, numberOfSignificantValueDigits: 3);
    private readonly bool _spinning;
    private readonly string _name;
    private long _sent;

    public ChannelPingPongRig(bool spinning)
    {
        _spinning = spinning;
        _name = spinning ? "Channel ping-pong spinning" : "Channel ping-pong async";
        _ponger = new("channel-ponger", _ping.Reader, _pong.Writer, new ChecksumHandler(), spinning);
    }

    public HistogramBase Histogram => _histogram;

    public LatencyPhase RunPhase(TimeSpan duration, long eventsPerSecond)
    {
        LatencyPhase phase;
        if (_spinning)
        {
            phase = PingSpinning(duration);
        }
        else
        {
            Task<LatencyPhase> pinger = Task.Run(() => PingAsync(duration));
            if (!pinger.Wait(duration + BoundedSpin.Timeout))
            {
                _ping.Writer.TryComplete();
                _pong.Writer.TryComplete(); // ends the pinger's pending read
                BoundedSpin.ThrowTimeout("the async ping-pong to finish");
            }

            phase = pinger.Result;
        }

        _sent += phase.Events;
        return phase;
    }

    public void StopAndVerify()
    {
        _ping.Writer.TryComplete();
        _ponger.WaitForCompletion();
        if (_ponger.Handler.Count != _sent)
        {
            throw new InvalidOperationException($"{_name}: sent {_sent}, echoed {_ponger.Handler.Count}.");
        }
    }

    public void Dispose() => _ping.Writer.TryComplete();

    private static Channel<MarketEvent> CreateChannel() =>
        Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });

    private async Task<LatencyPhase> PingAsync(TimeSpan duration)
    {
        ChannelWriter<MarketEvent> ping = _ping.Writer;
        ChannelReader<MarketEvent> pong = _pong.Reader;
        long start = MonotonicClock.NowNs();
        long end = start + (long)(duration.TotalSeconds * 1e9);
        long count = 0;
        long now;
        MarketEvent message = default;
        do
        {
            long sentNs = MonotonicClock.NowNs();
            message.IngestTimestampNs = sentNs;
            if (!ping.TryWrite(message))
            {
                throw new InvalidOperationException($"{_name}: the ping channel is full with one message in flight.");
            }

            MarketEvent echo = await pong.ReadAsync().ConfigureAwait(false);
            now = MonotonicClock.NowNs();
            Record(in echo, sentNs, now);
            count++;
        }
        while (now < end);

        return new LatencyPhase(count, now - start);
    }

    private LatencyPhase PingSpinning(TimeSpan duration)
    {
        ChannelWriter<MarketEvent> ping = _ping.Writer;
        ChannelReader<MarketEvent> pong = _pong.Reader;
        long start = MonotonicClock.NowNs();
        long end = start + (long)(duration.TotalSeconds * 1e9);
        long count = 0;
        long now;
        MarketEvent message = default;
        do
        {
            long sentNs = MonotonicClock.NowNs();
            message.IngestTimestampNs = sentNs;
            ChannelWriting.Write(ping, in message);
            MarketEvent echo;
            var spin = new BoundedSpin();
            while (!pong.TryRead(out echo))
            {
                _ponger.ThrowIfFaulted();
                spin.SpinOnce("the echo");
            }

            now = MonotonicClock.NowNs();
            Record(in echo, sentNs, now);
            count++;
        }
        while (now < end);

        return new LatencyPhase(count, now - start);
    }

    private void Record(in MarketEvent echo, long sentNs, long now)
    {
        if (echo.IngestTimestampNs != sentNs)
        {
            throw new InvalidOperationException($"{_name}: an echo carries another message's stamp.");
        }

        long roundTrip = now - sentNs;
        _histogram.RecordValue(Math.Min(roundTrip, _histogram.HighestTrackableValue));
    }
}
