namespace LowLatency.Engine;

/// <summary>What a processor reports to the pipeline that owns it.</summary>
internal interface IProcessorHost
{
    /// <summary>Runs on the processor's own thread before the handler's OnStart.</summary>
    void OnProcessorStarting(IEventProcessor processor)
    {
    }

    /// <summary>Policy of a processor created without its own, read when a fault happens (fixed once started).</summary>
    ExceptionPolicy DefaultExceptionPolicy => ExceptionPolicy.LogAndContinue;

    void OnProcessorStarted();

    void OnFault(in HandlerFault fault);
}
