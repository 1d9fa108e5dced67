namespace LowLatency.Engine.Tests.Support;

/// <summary>What a <see cref="LifecycleHandler"/> saw, written from the handler's thread.</summary>
internal sealed class LifecycleProbe
{
    /// <summary>Makes OnStart throw after recording, to exercise the lifecycle fault path.</summary>
    public bool ThrowOnStart;

    public int Starts;
    public int Shutdowns;
    public string? StartThreadName;
    public string? EventThreadName;
    public string? ShutdownThreadName;
    public long EventsBeforeStart = -1;
    public long EventsAtShutdown = -1;
    public long Events;
}
