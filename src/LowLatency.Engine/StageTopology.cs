namespace LowLatency.Engine;

/// <summary>How a pipeline's stages map onto threads. Chosen before <see cref="EventPipeline{T}.Start()"/>.</summary>
public enum StageTopology
{
    /// <summary>
    /// Decide at Start from the cores this process may use: one thread per stage when stages plus producer threads
    /// fit the cores, else consecutive stages share threads so that consumers take only the cores producers leave
    /// (at least one). On 2 cores with one producer, every stage runs on one thread.
    /// </summary>
    Auto,

    /// <summary>Every stage on its own thread.</summary>
    Threaded,

    /// <summary>Every stage on one thread, called in order on the same slots; each keeps its own sequence, counters and policy.</summary>
    Fused,
}
