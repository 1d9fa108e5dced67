namespace LowLatency.Tests.Shared;

/// <summary>
/// Measures what a piece of steady-state code allocates. Linked into every test project that asserts zero allocation,
/// so all of them warm up and measure the same way.
/// </summary>
internal static class AllocationProbe
{
    private const int WarmupRuns = 2;
    private const int MeasuredRuns = 3;

    /// <summary>
    /// Runs <paramref name="body"/> twice to warm up (tiered JIT, OSR, statics, first touch of buffers), then measures it
    /// up to three times with <see cref="GC.GetAllocatedBytesForCurrentThread"/> and returns the smallest delta (stopping
    /// at 0). Per-event allocation shows up in every run; a one-off runtime allocation (tiering bookkeeping) cannot
    /// fail the test.
    /// </summary>
    public static long Measure(Action body) =>
        Smallest(static () => NoState.Instance, _ => body(), allThreads: false);

    /// <summary>
    /// As <see cref="Measure(Action)"/>, with a fresh <typeparamref name="TState"/> per run, made by
    /// <paramref name="setup"/> and disposed after the run, both outside the measured window (e.g. a file opened and
    /// read past its first rows, so the body measures the rest up to the end).
    /// </summary>
    public static long Measure<TState>(Func<TState> setup, Action<TState> body)
        where TState : IDisposable =>
        Smallest(setup, body, allThreads: false);

    /// <summary>
    /// As <see cref="Measure(Action)"/>, but counts every thread's allocations (<see cref="GC.GetTotalAllocatedBytes"/>,
    /// precise), for code that runs on threads of its own. Other tests allocate into that counter too: run such tests
    /// in a collection with parallelization disabled.
    /// </summary>
    public static long MeasureAllThreads(Action body) =>
        Smallest(static () => NoState.Instance, _ => body(), allThreads: true);

    private static long Smallest<TState>(Func<TState> setup, Action<TState> body, bool allThreads)
        where TState : IDisposable
    {
        for (int run = 0; run < WarmupRuns; run++)
        {
            using TState state = setup();
            body(state);
        }

        long smallest = long.MaxValue;
        for (int run = 0; run < MeasuredRuns && smallest != 0; run++)
        {
            using TState state = setup();
            long before = Allocated(allThreads);
            body(state);
            smallest = Math.Min(smallest, Allocated(allThreads) - before);
        }

        return smallest;
    }

    private static long Allocated(bool allThreads) =>
        allThreads ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();

    private sealed class NoState : IDisposable
    {
        public static readonly NoState Instance = new();

        public void Dispose()
        {
        }
    }
}
