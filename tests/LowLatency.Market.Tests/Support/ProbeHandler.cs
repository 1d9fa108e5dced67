using LowLatency.Engine;

namespace LowLatency.Market.Tests.Support;

/// <summary>A stage of a test's own, added through <see cref="MarketPipelineBuilder"/>: records what it sees in its log.</summary>
internal readonly struct ProbeHandler(ProbeLog log) : IEventHandler<MarketEvent>
{
    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch) => log.Record(in data, sequence);
}
