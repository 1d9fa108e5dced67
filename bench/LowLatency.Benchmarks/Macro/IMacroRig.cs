namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// One contender of a macro benchmark: built and started in GlobalSetup (threads included), driven by the
/// benchmark method, stopped in GlobalCleanup.
/// </summary>
internal interface IMacroRig
{
    /// <summary>
    /// Publishes <paramref name="eventCount"/> more events and returns once the last handler has handled all of them.
    /// Every wait is bounded: a stall throws <see cref="TimeoutException"/> after <see cref="BoundedSpin.Timeout"/>.
    /// </summary>
    void Run(int eventCount);

    /// <summary>Stops the threads and throws unless the handlers saw exactly the events published, once each.</summary>
    void StopAndVerify();
}
