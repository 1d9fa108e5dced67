namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// Records where a handler started and checks that what follows is contiguous (no sequence skipped or seen twice)
/// and fresh (each slot still carries the stamp of the sequence handed with it, so nothing overwrote it).
/// </summary>
internal struct SequenceLogHandler() : IEventHandler<TestEvent>
{
    public long First = Sequence.InitialValue;
    public long Last = Sequence.InitialValue;
    public long Count;
    public long Discontinuities;
    public long Overwritten;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        if (Count == 0)
        {
            First = sequence;
        }
        else if (sequence != Last + 1)
        {
            Discontinuities++;
        }

        if (data.Sequence != sequence)
        {
            Overwritten++;
        }

        Last = sequence;
        Count++;
    }
}
