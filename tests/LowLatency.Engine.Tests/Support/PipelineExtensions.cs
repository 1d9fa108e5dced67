namespace LowLatency.Engine.Tests.Support;

internal static class PipelineExtensions
{
    /// <summary>The handler of the <paramref name="index"/>-th processor added, as its processor holds it.</summary>
    public static ref TH HandlerAt<TH>(this EventPipeline<TestEvent> pipeline, int index)
        where TH : struct, IEventHandler<TestEvent> =>
        ref ((EventProcessor<TestEvent, TH>)pipeline.Processors[index]).Handler;

    /// <summary>Records every fault instead of printing it; read after the pipeline stopped.</summary>
    public static List<HandlerFault> RecordFaults<T>(this EventPipeline<T> pipeline)
        where T : unmanaged
    {
        var faults = new List<HandlerFault>();
        pipeline.FaultReporter = fault =>
        {
            lock (faults)
            {
                faults.Add(fault);
            }
        };
        return faults;
    }
}
