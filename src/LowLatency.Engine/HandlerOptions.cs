namespace LowLatency.Engine;

/// <summary>Per-handler settings. Unset values fall back to the pipeline's defaults.</summary>
public readonly record struct HandlerOptions
{
    /// <summary>Name of the handler and of its thread; defaults to the handler's type name.</summary>
    public string? Name { get; init; }

    /// <summary>What to do when the handler throws; unset, the pipeline's <see cref="EventPipeline{T}.DefaultExceptionPolicy"/> (as it is at Start).</summary>
    public ExceptionPolicy? ExceptionPolicy { get; init; }
}
