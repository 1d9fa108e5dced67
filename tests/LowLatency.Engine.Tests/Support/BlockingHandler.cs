namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// Signals <c>entered</c> and blocks on <c>gate</c> at every event until the test opens it, so the ring fills up
/// behind it. The wait is bounded by <see cref="Timeouts.Safety"/>; hitting it is counted, so a test never hangs.
/// </summary>
internal struct BlockingHandler(ManualResetEventSlim gate, ManualResetEventSlim entered) : IEventHandler<TestEvent>
{
    public long Count;
    public long Sum;
    public long Overwritten;
    public long GateTimeouts;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        entered.Set();
        if (!gate.Wait(Timeouts.Safety))
        {
            GateTimeouts++;
        }

        if (data.Sequence != sequence)
        {
            Overwritten++;
        }

        Count++;
        Sum += data.Value;
    }
}
