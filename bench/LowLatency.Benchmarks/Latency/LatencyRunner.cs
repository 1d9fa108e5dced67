namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// Runs one variant in this process: builds its rig (threads started), collects the setup garbage, runs the warm-up
/// phase (tiered JIT, caches, branch predictors), resets the histogram, runs the measured phase while counting
/// collections and allocated bytes, then stops and verifies the rig. Any failure becomes a failed result.
/// </summary>
internal static class LatencyRunner
{
    public static LatencyResult Run(LatencyVariant variant, TimeSpan warmup, TimeSpan duration)
    {
        ILatencyRig? rig = null;
        try
        {
            rig = variant.Create();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            if (warmup > TimeSpan.Zero)
            {
                rig.RunPhase(warmup, variant.EventsPerSecond);
            }

            rig.Histogram.Reset(); // safe: the phase returned only after the recording thread finished every event
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            LatencyPhase phase = rig.RunPhase(duration, variant.EventsPerSecond);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            gen0 = GC.CollectionCount(0) - gen0;
            gen1 = GC.CollectionCount(1) - gen1;
            gen2 = GC.CollectionCount(2) - gen2;
            var histogram = rig.Histogram.Copy();
            rig.StopAndVerify();
            return LatencyResult.Measured(variant, phase, histogram, gen0, gen1, gen2, allocated);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"{variant.Name} failed: {ex}");
            return LatencyResult.Failed(variant, ex);
        }
        finally
        {
            rig?.Dispose();
        }
    }

    /// <summary>A rough total for the console, before the run starts.</summary>
    public static TimeSpan Estimate(int variants, TimeSpan warmup, TimeSpan duration) =>
        (warmup + duration + TimeSpan.FromMilliseconds(300)) * variants;
}
