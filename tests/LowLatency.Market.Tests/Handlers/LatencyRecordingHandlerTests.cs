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

        // A reading reused from before the wait would put the second event 20 ms in the past (clamped to 0).
        Assert.Equal(2, latency.TotalCount);
        Assert.Equal(0, latency.Snapshot().GetCountAtValue(0));
        Assert.True(latency.GetMaxValue() < 20_000_000);
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

    private struct Recorder : IEventHandler<MarketEvent>
    {
        public readonly void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch) => data.Signal = SignalSide.Buy;
    }
}
