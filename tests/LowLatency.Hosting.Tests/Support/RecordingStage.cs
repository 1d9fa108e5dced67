using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Hosting.Tests.Support;

/// <summary>A caller's own pipeline stage (the host's <c>stages</c> callback adds it): records every event it sees.</summary>
internal readonly struct RecordingStage(StageRecorder recorder) : IEventHandler<MarketEvent>
{
    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        recorder.Sequences.Add(sequence);
        recorder.Signals.Add(data.Signal);
    }
}
