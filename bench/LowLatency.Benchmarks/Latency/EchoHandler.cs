using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Latency;

/// <summary>The ping-pong's far side: publishes every event's send stamp into the reply ring (it is that ring's only producer).</summary>
internal readonly struct EchoHandler : IEventHandler<MarketEvent>
{
    private readonly RingBuffer<MarketEvent> _replies;

    public EchoHandler(RingBuffer<MarketEvent> replies) => _replies = replies;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        long reply = _replies.Next();
        _replies[reply].IngestTimestampNs = data.IngestTimestampNs;
        _replies.Publish(reply);
    }
}
