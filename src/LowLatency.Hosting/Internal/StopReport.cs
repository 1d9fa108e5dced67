using LowLatency.Engine;
using LowLatency.Market;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Internal;

/// <summary>What the host reports once it stopped: per-stage counts, the drain's outcome, signals delivered and dropped.</summary>
internal static class StopReport
{
    public static MarketPipelineReport Build(MarketPipeline pipeline, SignalHub signals, bool drained, TimeSpan stopDuration)
    {
        var stages = new StageReport[pipeline.Stages.Count];
        for (int i = 0; i < stages.Length; i++)
        {
            IEventProcessor stage = pipeline.Stages[i];
            stages[i] = new StageReport(stage.Name, stage.ProcessedCount, stage.FailureCount);
        }

        return new MarketPipelineReport(drained, pipeline.RingBuffer.Sequencer.HighestClaimed + 1, stages,
            pipeline.Trading.Signals.TotalCount, signals.Dropped, stopDuration);
    }

    public static void Write(ILogger logger, MarketPipelineReport report, TimeSpan drainTimeout, PipelineState state)
    {
        foreach (StageReport stage in report.Stages)
        {
            Log.StageProcessed(logger, stage.Name, stage.Processed, stage.Failed);
        }

        if (report.Drained)
        {
            Log.Drained(logger, report.Published, (long)report.StopDuration.TotalMilliseconds, report.Signals, report.SignalsDropped);
        }
        else
        {
            Log.NotDrained(logger, drainTimeout, state.ToString(), report.Published, report.Stages[^1].Processed);
        }
    }
}
