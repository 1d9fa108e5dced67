using LowLatency.Ticks;

namespace LowLatency.Market.Tests.Support;

/// <summary>Passes <paramref name="inner"/>'s rows through and cancels <paramref name="cancellation"/> once it has
/// read <paramref name="cancelAfterRows"/> of them: a Ctrl+C at a known point of a replay.</summary>
internal sealed class CancellingTickSource(ITickSource inner, long cancelAfterRows, CancellationTokenSource cancellation) : ITickSource
{
    private long _read;

    public string Name => inner.Name;

    public long RowsRead => inner.RowsRead;

    public long SkippedRows => inner.SkippedRows;

    public long IgnoredRows => inner.IgnoredRows;

    public bool TryRead(ref MarketEvent e)
    {
        bool read = inner.TryRead(ref e);
        if (read && ++_read == cancelAfterRows)
        {
            cancellation.Cancel();
        }

        return read;
    }

    public void Dispose() => inner.Dispose();
}
