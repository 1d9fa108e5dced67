namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// The ring slot used by the engine tests. The producer stamps each slot with its own sequence, so a handler that
/// finds another value there has read an overwritten (lapped) slot.
/// </summary>
internal struct TestEvent
{
    public long Value;
    public long Sequence;
    public long ProducerSequence;
    public int ProducerId;
    public long MarkA;
    public long MarkB;
    public long MarkC;
}
