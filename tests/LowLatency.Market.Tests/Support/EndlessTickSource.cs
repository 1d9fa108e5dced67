using System.Diagnostics;
using LowLatency.Ticks;

namespace LowLatency.Market.Tests.Support;

/// <summary>
/// Yields <paramref name="first"/> (in order), then copies of <paramref name="rest"/> without end; cancels
/// <paramref name="cancellation"/> once <paramref name="cancelAfterRows"/> rows were read. A reader that ignores the
/// cancellation would read forever, so the source ends itself <paramref name="giveUpAfter"/> past the cancellation:
/// the test then fails on <see cref="RowsAfterCancel"/> instead of hanging.
/// </summary>
internal sealed class EndlessTickSource(MarketEvent[] first, MarketEvent rest, long cancelAfterRows,
    CancellationTokenSource cancellation, TimeSpan giveUpAfter) : ITickSource
{
    private long _read;
    private long _cancelledAt;

    public string Name => "endless";

    public long RowsRead => _read;

    public long SkippedRows => 0;

    public long IgnoredRows => 0;

    /// <summary>Rows read after the cancellation was requested.</summary>
    public long RowsAfterCancel => _cancelledAt == 0 ? 0 : _read - cancelAfterRows;

    public bool TryRead(ref MarketEvent e)
    {
        if (_cancelledAt != 0 && Stopwatch.GetElapsedTime(_cancelledAt) > giveUpAfter)
        {
            return false;
        }

        e = _read < first.Length ? first[_read] : rest;
        if (++_read == cancelAfterRows)
        {
            _cancelledAt = Stopwatch.GetTimestamp();
            cancellation.Cancel();
        }

        return true;
    }

    public void Dispose()
    {
    }
}
