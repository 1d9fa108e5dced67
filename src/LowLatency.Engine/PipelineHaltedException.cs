namespace LowLatency.Engine;

/// <summary>Thrown to a producer that claims a slot after the pipeline halted, so it never waits forever on a dead consumer.</summary>
public sealed class PipelineHaltedException : InvalidOperationException
{
    public PipelineHaltedException()
    {
    }

    public PipelineHaltedException(string message)
        : base(message)
    {
    }

    public PipelineHaltedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
