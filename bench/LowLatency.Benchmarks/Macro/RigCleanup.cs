namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// GlobalCleanup for every macro benchmark: stops and verifies the rig, and remembers a failure. Out of process a
/// failing cleanup fails the benchmark; in process (<c>--smoke</c>) BenchmarkDotNet only logs it, so
/// <see cref="FailureCount"/> lets the caller fail anyway.
/// </summary>
internal static class RigCleanup
{
    private static int s_failureCount;

    public static int FailureCount => Volatile.Read(ref s_failureCount); // acquire: pairs with the increment below

    public static void StopAndVerify(IMacroRig? rig)
    {
        try
        {
            rig?.StopAndVerify();
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref s_failureCount); // cleanup may run on any thread
            Console.Error.WriteLine($"Cleanup failed: {ex}");
            throw;
        }
    }
}
