namespace LowLatency.Engine;

/// <summary>What a processor reports to the pipeline that owns it.</summary>
internal interface IProcessorHost
{
    void OnProcessorStarted();

    void OnFault(in HandlerFault fault);
}
