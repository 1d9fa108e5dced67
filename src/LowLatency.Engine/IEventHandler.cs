namespace LowLatency.Engine;

/// <summary>
/// Consumes events from the ring on a dedicated thread. Implement it on a <c>struct</c>: the processor is generic
/// over the handler type, so the JIT compiles one loop per handler and inlines <see cref="OnEvent"/>.
/// </summary>
/// <typeparam name="T">The unmanaged event stored in the ring.</typeparam>
public interface IEventHandler<T>
    where T : unmanaged
{
    /// <summary>Handles one event in place. <paramref name="endOfBatch"/> is true for the last event of the batch the
    /// handler was given: the last one available, or the last one <see cref="HandlerOptions.MaxBatchSize"/> (or a fused
    /// thread's batch limit) lets through.</summary>
    void OnEvent(ref T data, long sequence, bool endOfBatch);

    /// <summary>
    /// Runs before each batch with the number of events the handler is about to get (at most
    /// <see cref="HandlerOptions.MaxBatchSize"/>). Called only when the handler implements it, so the default costs nothing.
    /// </summary>
    void OnBatchStart(long batchSize)
    {
    }

    /// <summary>
    /// Runs on the handler's thread when no event arrived for <see cref="HandlerOptions.IdleTimeout"/>, with the last
    /// sequence the handler finished: act on time without an event. Called only when the handler implements it.
    /// </summary>
    void OnTimeout(long sequence)
    {
    }

    /// <summary>Runs once on the handler's thread before the first event.</summary>
    void OnStart()
    {
    }

    /// <summary>Runs once on the handler's thread after the last event.</summary>
    void OnShutdown()
    {
    }
}
