namespace LowLatency.Engine;

/// <summary>Per-handler settings. Unset values fall back to the pipeline's defaults.</summary>
public readonly record struct HandlerOptions
{
    /// <summary>Name of the handler and of its thread; defaults to the handler's type name.</summary>
    public string? Name { get; init; }

    /// <summary>What to do when the handler throws; unset, the pipeline's <see cref="EventPipeline{T}.DefaultExceptionPolicy"/> (as it is at Start).</summary>
    public ExceptionPolicy? ExceptionPolicy { get; init; }

    /// <summary>Most events handed to the handler in one batch (between two <c>OnBatchStart</c> calls and two progress
    /// publications); unset, no limit. Smaller batches let later stages start sooner.</summary>
    public int? MaxBatchSize { get; init; }

    /// <summary>When no event arrived for this long, the handler's <c>OnTimeout</c> runs on its thread (and again
    /// every such interval while idle); unset, never.</summary>
    public TimeSpan? IdleTimeout { get; init; }
}
