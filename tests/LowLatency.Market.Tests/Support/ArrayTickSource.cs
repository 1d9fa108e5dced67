using LowLatency.Ticks;

namespace LowLatency.Market.Tests.Support;

/// <summary>An in-memory tick source; optionally throws a TickFormatException when asked for event <c>failAt</c>.</summary>
internal sealed class ArrayTickSource(string name, MarketEvent[] events, int failAt = -1) : ITickSource
{
    private int _next;

    public string Name => name;

    public long RowsRead => _next;

    public long SkippedRows => 0;

    public long IgnoredRows => 0;

    public bool Disposed { get; private set; }

    public bool TryRead(ref MarketEvent e)
    {
        if (_next == failAt)
        {
            throw new TickFormatException(name, _next + 1, -1, "price", "x", "is not a decimal number");
        }

        if (_next >= events.Length)
        {
            return false;
        }

        e = events[_next++];
        return true;
    }

    public void Dispose() => Disposed = true;
}
