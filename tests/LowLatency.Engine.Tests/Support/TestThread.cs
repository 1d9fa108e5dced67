using System.Runtime.ExceptionServices;

namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// A background thread whose exception is kept for the test instead of crashing the test process; joins are bounded.
/// </summary>
internal sealed class TestThread
{
    private readonly Thread _thread;
    private Exception? _error;

    private TestThread(string name, Action body)
    {
        _thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        })
        { IsBackground = true, Name = name };
    }

    /// <summary>The exception the body threw, once <see cref="Join"/> returned true.</summary>
    public Exception? Error => _error;

    public static TestThread Start(string name, Action body)
    {
        var thread = new TestThread(name, body);
        thread._thread.Start();
        return thread;
    }

    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>True while the thread is blocked: parked in <see cref="Monitor.Wait(object)"/>, sleeping or joining.</summary>
    public bool IsBlocked => (_thread.ThreadState & ThreadState.WaitSleepJoin) != 0;

    /// <summary>Joins within <see cref="Timeouts.Safety"/> and rethrows whatever the body threw.</summary>
    public void JoinAndRethrow()
    {
        Assert.True(_thread.Join(Timeouts.Safety), $"thread '{_thread.Name}' did not finish");
        if (_error is not null)
        {
            ExceptionDispatchInfo.Capture(_error).Throw();
        }
    }
}
