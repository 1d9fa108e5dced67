namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// One stage of an ordering test: checks that every stage it depends on already marked the event for this very
/// sequence (a mark left from an earlier lap has another value), then writes its own mark.
/// </summary>
internal struct StageHandler(Stage marks, Stage requires) : IEventHandler<TestEvent>
{
    public long Count;
    public long Sum;
    public long MissingMarks;
    public long OutOfOrder;
    public long Overwritten;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        long mark = sequence + 1;
        if (((requires & Stage.A) != 0 && data.MarkA != mark)
            || ((requires & Stage.B) != 0 && data.MarkB != mark)
            || ((requires & Stage.C) != 0 && data.MarkC != mark))
        {
            MissingMarks++;
        }

        if (sequence != Count)
        {
            OutOfOrder++;
        }

        if (data.Sequence != sequence)
        {
            Overwritten++;
        }

        switch (marks)
        {
            case Stage.A:
                data.MarkA = mark;
                break;
            case Stage.B:
                data.MarkB = mark;
                break;
            case Stage.C:
                data.MarkC = mark;
                break;
            default:
                break;
        }

        Count++;
        Sum += data.Value;
    }
}
