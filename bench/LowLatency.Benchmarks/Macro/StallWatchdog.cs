using System.Diagnostics;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Bounds the waits inside the engine when a run has no natural end to arm a <see cref="Watchdog"/> for (many
/// short invocations, or a latency run of any length): a timer compares, about once a second, what was claimed with
/// what the last stage finished, and runs <c>onStall</c> (halt the pipeline, alert a barrier) once the last stage has
/// been behind without moving for <see cref="BoundedSpin.Timeout"/>. An idle, caught-up pipeline never fires it, and
/// the producer's hot path never touches it.
/// </summary>
internal sealed class StallWatchdog : IDisposable
{
    private readonly Func<long> _claimed;
    private readonly Func<long> _finished;
    private readonly Action _onStall;
    private readonly Timer _timer;
    private readonly long _timeoutTicks;
    private readonly object _check = new();
    private long _lastFinished = long.MinValue;
    private long _lastProgressTicks = Stopwatch.GetTimestamp();
    private volatile bool _fired;

    /// <param name="claimed">Highest sequence handed to a producer.</param>
    /// <param name="finished">Highest sequence the last stage (or the reply's reader) finished.</param>
    /// <param name="onStall">Unblocks the stalled waits, making them throw; runs at most once, on a timer thread.</param>
    public StallWatchdog(Func<long> claimed, Func<long> finished, Action onStall)
    {
        _claimed = claimed;
        _finished = finished;
        _onStall = onStall;
        _timeoutTicks = (long)(BoundedSpin.Timeout.TotalSeconds * Stopwatch.Frequency);
        TimeSpan period = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, BoundedSpin.Timeout.Ticks / 4));
        _timer = new Timer(static state => ((StallWatchdog)state!).Check(), this, period, period);
    }

    /// <summary>True once the stall was detected and <c>onStall</c> ran.</summary>
    public bool Fired => _fired;

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        // Timer callbacks may overlap (onStall can take seconds): one check at a time, the others skip.
        if (!Monitor.TryEnter(_check))
        {
            return;
        }

        try
        {
            long finished = _finished();
            long now = Stopwatch.GetTimestamp();
            if (finished != _lastFinished || _claimed() <= finished)
            {
                _lastFinished = finished;
                _lastProgressTicks = now;
            }
            else if (!_fired && now - _lastProgressTicks > _timeoutTicks)
            {
                _fired = true;
                _onStall();
            }
        }
        finally
        {
            Monitor.Exit(_check);
        }
    }
}
