namespace LowLatency.Engine.WaitStrategies;

/// <summary>
/// Spins briefly, then calls <see cref="Thread.Yield"/> between checks: low latency, and it lets the OS run the
/// thread being waited on when threads outnumber cores. Burns a core while idle.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    public bool IsBlocking => false;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        int counter = SpinTries;
        long available;
        while ((available = barrier.AvailableSequence) < sequence)
        {
            if (barrier.IsAlerted)
            {
                break;
            }

            if (counter > 0)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else
            {
                Thread.Yield();
            }
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
