using LowLatency.Engine;
using LowLatency.Market.Handlers;

namespace LowLatency.Market.Tests.Handlers;

public sealed class LatencyRecordingHandlerTests
{
    [Fact]
    public void OnEvent_NewBatchAfterAWait_ReadsTheClockAgain()
    {
        var latency = new LatencyRecorder();
        var handler = new LatencyRecordingHandler<Recorder>(new Recorder(), latency);
        var e = default(MarketEvent);

        e.IngestTimestampNs = MonotonicClock.NowNs();
        handler.OnEvent(ref e, 0, endOfBatch: true);
        Thread.Sleep(20); // the stage waits; the next batch starts mid-way through an 8-event clock group
        e.IngestTimestampNs = MonotonicClock.NowNs();
        handler.OnEvent(ref e, 13, endOfBatch: false);
        handler.OnShutdown(); // hands over the unfinished batch

        // A reading reused from before the wait would put the second event 20 ms in the past (clamped to 0).
        Assert.Equal(2, latency.TotalCount);
        Assert.Equal(0, latency.Snapshot().GetCountAtValue(0));
        Assert.True(latency.GetMaxValue() < 20_000_000);
    }

    [Fact]
    public void OnEvent_LatenciesReachTheRecorderWhenTheirBatchEnds()
    {
        var latency = new LatencyRecorder();
        var handler = new LatencyRecordingHandler<Recorder>(new Recorder(), latency);
        var e = default(MarketEvent);
        e.IngestTimestampNs = MonotonicClock.NowNs();

        handler.OnEvent(ref e, 0, endOfBatch: false);
        handler.OnEvent(ref e, 1, endOfBatch: false);
        Assert.Equal(0, latency.TotalCount);

        handler.OnEvent(ref e, 2, endOfBatch: true);
        Assert.Equal(3, latency.TotalCount);
    }

    [Fact]
    public void OnEvent_AFullBuffer_IsHandedOverBeforeItsBatchEnds()
    {
        var latency = new LatencyRecorder();
        var handler = new LatencyRecordingHandler<Recorder>(new Recorder(), latency);
        var e = default(MarketEvent);
        e.IngestTimestampNs = MonotonicClock.NowNs();

        for (int i = 0; i < LatencyRecordingHandler<Recorder>.BufferLength + 1; i++)
        {
            handler.OnEvent(ref e, i, endOfBatch: false);
        }

        Assert.Equal(LatencyRecordingHandler<Recorder>.BufferLength, latency.TotalCount);
        handler.OnShutdown();
        Assert.Equal(LatencyRecordingHandler<Recorder>.BufferLength + 1, latency.TotalCount);
    }

    /// <summary>The strategy threw on a batch's last event (the stage logs it and goes on): the latencies buffered
    /// before it reach the recorder when the next batch starts, and that batch reads the clock afresh instead of
    /// reusing a reading from before the stage waited (which would record ~0).</summary>
    [Fact]
    public void OnBatchStart_AfterTheLastEventThrew_HandsOverTheBatchAndReadsTheClockAgain()
    {
        var latency = new LatencyRecorder();
        var handler = new LatencyRecordingHandler<ThrowsAtEndOfBatch>(new ThrowsAtEndOfBatch(), latency);
        var e = default(MarketEvent);

        e.IngestTimestampNs = MonotonicClock.NowNs();
        handler.OnBatchStart(2);
        handler.OnEvent(ref e, 0, endOfBatch: false);
        Assert.Throws<InvalidOperationException>(() => handler.OnEvent(ref e, 1, endOfBatch: true));
        Assert.Equal(0, latency.TotalCount);

        Thread.Sleep(20); // the stage waits for the next batch
        handler.OnBatchStart(1);
        Assert.Equal(1, latency.TotalCount); // the event before the throw; the failed one has no latency

        e.IngestTimestampNs = MonotonicClock.NowNs();
        handler.OnEvent(ref e, 13, endOfBatch: false);
        handler.OnShutdown();
        HdrHistogram.HistogramBase snapshot = latency.Snapshot();
        Assert.Equal(2, snapshot.TotalCount);
        Assert.True(latency.GetMaxValue() < 20_000_000, $"max {latency.GetMaxValue()} ns");
        Assert.Equal(0, snapshot.GetCountAtValue(0)); // a reading reused from before the wait would be clamped to 0
    }

    [Fact]
    public void OnEvent_RunsTheInnerHandlerFirst()
    {
        var latency = new LatencyRecorder();
        var handler = new LatencyRecordingHandler<Recorder>(new Recorder(), latency);
        var e = default(MarketEvent);

        handler.OnEvent(ref e, 0, endOfBatch: true);

        Assert.Equal(SignalSide.Buy, e.Signal);
    }

    private struct ThrowsAtEndOfBatch : IEventHandler<MarketEvent>
    {
        public readonly void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
        {
            if (endOfBatch)
            {
                throw new InvalidOperationException("strategy failed");
            }
        }
    }

    private struct Recorder : IEventHandler<MarketEvent>
    {
        public readonly void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch) => data.Signal = SignalSide.Buy;
    }
}
