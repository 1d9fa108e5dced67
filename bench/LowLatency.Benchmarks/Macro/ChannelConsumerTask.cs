namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The consumer of a Channels stage: async on the thread pool (the baseline) or a spinning dedicated thread, with the
/// bounded wait for its end and the fault check every Channels stage needs.
/// </summary>
internal sealed class ChannelConsumerTask
{
    private readonly string _description;
    private readonly Task _task;

    /// <summary>Starts <paramref name="consumeSpinning"/> on its own thread when <paramref name="spinning"/>, else
    /// <paramref name="consumeAsync"/> on the thread pool.</summary>
    public ChannelConsumerTask(string description, bool spinning, Func<Task> consumeAsync, Action consumeSpinning)
    {
        _description = description;
        _task = spinning
            ? Task.Factory.StartNew(consumeSpinning, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.Run(consumeAsync);
    }

    /// <summary>Throws what the stage failed with, if it did.</summary>
    public void ThrowIfFaulted()
    {
        if (_task.IsFaulted)
        {
            throw new InvalidOperationException($"The {_description} failed.", _task.Exception);
        }
    }

    /// <summary>Waits (bounded) until the stage has drained its completed channel and stopped.</summary>
    public void WaitForCompletion()
    {
        if (!_task.Wait(BoundedSpin.Timeout))
        {
            BoundedSpin.ThrowTimeout($"the {_description} to stop");
        }
    }
}
