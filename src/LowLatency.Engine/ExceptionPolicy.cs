namespace LowLatency.Engine;

/// <summary>What a handler's processor does when <c>OnEvent</c> throws.</summary>
public enum ExceptionPolicy
{
    /// <summary>Report the fault, count it, and go on with the next event. The failed event still counts as processed.</summary>
    LogAndContinue,

    /// <summary>Report the fault and halt the whole pipeline: handlers stop, producers get <see cref="PipelineHaltedException"/>.</summary>
    Halt,
}
