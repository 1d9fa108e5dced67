namespace LowLatency.Engine.Tests.Support;

/// <summary>Stands in for the pipeline when a test drives one <see cref="EventProcessor{T,THandler}"/> directly.</summary>
internal sealed class RecordingHost : IProcessorHost
{
    private readonly List<HandlerFault> _faults = [];
    private int _started;

    public int StartedCount => Volatile.Read(ref _started);

    public HandlerFault[] Faults
    {
        get
        {
            lock (_faults)
            {
                return [.. _faults];
            }
        }
    }

    public void OnProcessorStarted() => Interlocked.Increment(ref _started);

    public void OnFault(in HandlerFault fault)
    {
        lock (_faults)
        {
            _faults.Add(fault);
        }
    }
}
