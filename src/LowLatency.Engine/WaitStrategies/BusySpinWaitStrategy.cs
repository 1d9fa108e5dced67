namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// Spins on the sequence without ever giving up the core: the lowest hand-off latency when every busy thread has a
/// core of its own, and a collapse when threads outnumber cores (a spinning consumer starves the thread it waits on).
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    public bool IsBlocking => false;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available;
        while ((available = barrier.AvailableSequence) < sequence)
        {
            if (barrier.IsAlertedOrTimedOut)
            {
                break;
            }

            Thread.SpinWait(1);
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
