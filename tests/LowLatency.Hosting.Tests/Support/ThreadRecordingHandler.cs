using System.Collections.Concurrent;
using LowLatency.Engine;

namespace LowLatency.Hosting.Tests.Support;

/// <summary>Records which thread ran OnStart, to compare with the thread the ThreadStarting hook ran on.</summary>
internal readonly struct ThreadRecordingHandler(ConcurrentQueue<(string Step, string Handler, int ThreadId)> log, string name)
    : IEventHandler<long>
{
    public void OnEvent(ref long data, long sequence, bool endOfBatch)
    {
    }

    public void OnStart() => log.Enqueue(("OnStart", name, Environment.CurrentManagedThreadId));
}
