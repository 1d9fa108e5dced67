namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// Spins, yields, then sleeps a millisecond at a time: almost no CPU while idle and no cost to publishers, at the
/// price of up to about a millisecond of latency after an idle spell.
/// </summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 10;
    private const int YieldTries = 100;

    public bool IsBlocking => false;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        int counter = SpinTries + YieldTries;
        long available;
        while ((available = barrier.AvailableSequence) < sequence)
        {
            if (barrier.IsAlertedOrTimedOut)
            {
                break;
            }

            if (counter > YieldTries)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else if (counter > 0)
            {
                counter--;
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
