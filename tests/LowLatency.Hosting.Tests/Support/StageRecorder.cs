using LowLatency.Market;

namespace LowLatency.Hosting.Tests.Support;

/// <summary>What a <see cref="RecordingStage"/> saw, in order: each event's ring sequence and the signal side the
/// strategy wrote into it. Written by the stage's thread only; read once the pipeline has drained or stopped.</summary>
internal sealed class StageRecorder
{
    public List<long> Sequences { get; } = [];

    public List<SignalSide> Signals { get; } = [];
}
