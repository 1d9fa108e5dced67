namespace LowLatency.Engine;

/// <summary>What a processor reports to the pipeline that owns it.</summary>
internal interface IProcessorHost
{
    /// <summary>Runs on the processor's own thread before the handler's OnStart.</summary>
    void OnProcessorStarting(IEventProcessor processor)
    {
    }

    void OnProcessorStarted();

    void OnFault(in HandlerFault fault);
}
