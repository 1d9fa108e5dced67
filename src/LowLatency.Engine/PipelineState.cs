namespace LowLatency.Engine;

/// <summary>Lifecycle of an <see cref="EventPipeline{T}"/>.</summary>
public enum PipelineState
{
    Configuring,
    Running,
    Stopped,
    Halted,
}
