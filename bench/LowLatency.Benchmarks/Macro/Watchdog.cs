namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Bounds the waits that happen inside the engine (a producer claiming a slot in a full ring): armed for one
/// invocation, it runs <c>onTimeout</c> (the pipeline's <c>Halt</c>, which makes blocked claims throw) when the
/// invocation outlives <see cref="BoundedSpin.Timeout"/>. Costs nothing per event.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly Timer _timer;
    private readonly Action _onTimeout;
    private volatile bool _fired;

    public Watchdog(Action onTimeout)
    {
        _onTimeout = onTimeout;
        _timer = new Timer(static state => ((Watchdog)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>True once the timeout elapsed and <c>onTimeout</c> ran.</summary>
    public bool Fired => _fired;

    public void Arm() => _timer.Change(BoundedSpin.Timeout, Timeout.InfiniteTimeSpan);

    public void Disarm() => _timer.Change(Timeout.Infinite, Timeout.Infinite);

    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        _fired = true;
        _onTimeout();
    }
}
