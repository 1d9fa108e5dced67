namespace LowLatency.Engine.Tests.Support;

/// <summary>Records when and on which thread OnStart, OnEvent and OnShutdown ran.</summary>
internal struct LifecycleHandler(LifecycleProbe probe) : IEventHandler<TestEvent>
{
    public readonly void OnStart()
    {
        Interlocked.Increment(ref probe.Starts);
        probe.StartThreadName = Thread.CurrentThread.Name;
        probe.EventsBeforeStart = Volatile.Read(ref probe.Events);
        if (probe.ThrowOnStart)
        {
            throw new InvalidOperationException("OnStart failed");
        }
    }

    public readonly void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        probe.EventThreadName ??= Thread.CurrentThread.Name;
        Volatile.Write(ref probe.Events, probe.Events + 1);
    }

    public readonly void OnShutdown()
    {
        Interlocked.Increment(ref probe.Shutdowns);
        probe.ShutdownThreadName = Thread.CurrentThread.Name;
        probe.EventsAtShutdown = Volatile.Read(ref probe.Events);
    }
}
