namespace LowLatency.Engine;

/// <summary>What a stage thread needs from each stage it runs, without knowing the handler type.</summary>
internal interface IStage : IEventProcessor
{
    /// <summary>The sequences of the stages this one follows; empty for a first stage (it follows the producers).</summary>
    Sequence[] Dependencies { get; }

    /// <summary>Most events per batch (<see cref="HandlerOptions.MaxBatchSize"/>), int.MaxValue when unlimited.</summary>
    int MaxBatchSize { get; }

    /// <summary>Idle timeout in Stopwatch ticks, 0 when the handler has none.</summary>
    long IdleTimeoutTicks { get; }

    /// <summary>
    /// Hands the events after this stage's sequence up to <paramref name="available"/> to the handler as one batch and
    /// publishes its progress. False when the handler failed under <see cref="ExceptionPolicy.Halt"/>.
    /// </summary>
    bool ProcessTo(long available);

    /// <summary>Runs the handler's idle timeout.</summary>
    void OnIdle();

    /// <summary>Runs the handler's OnStart (true) or OnShutdown (false), reporting a throw as a fault.</summary>
    void RunLifecycle(bool starting);

    /// <summary>Set by the stage thread while it runs this stage.</summary>
    void SetRunning(bool running);
}
