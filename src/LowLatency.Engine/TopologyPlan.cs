namespace LowLatency.Engine;

/// <summary>
/// Splits a pipeline's stages, in the order they were added (every stage after the stages it follows), into runs of
/// consecutive stages, one run per thread.
/// </summary>
public static class TopologyPlan
{
    /// <summary>
    /// Largest batch of a thread running several stages: a batch's slots (16 KiB of 64-byte events) stay in the L1
    /// cache from the first stage to the last, and the last stage frees slots for producers at least this often. So two
    /// stages on one thread are never more than this many events apart.
    /// </summary>
    public const int FusedBatchLimit = 256;

    /// <summary>The cores this process may run on: the affinity mask and container limits, as the runtime sees them.</summary>
    public static int AvailableCores => Environment.ProcessorCount;

    /// <summary>
    /// Threads for <paramref name="stages"/> stages: Threaded, one each; Fused, one; Auto, one each while stages plus
    /// <paramref name="producerThreads"/> busy producers fit in <paramref name="cores"/>, else the cores producers
    /// leave (at least one), consecutive stages sharing them.
    /// </summary>
    public static int ThreadCount(StageTopology topology, int stages, int cores, int producerThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stages);
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(producerThreads);
        if (stages == 0)
        {
            return 0;
        }

        return topology switch
        {
            StageTopology.Threaded => stages,
            StageTopology.Fused => 1,
            StageTopology.Auto => Math.Clamp(cores - producerThreads, 1, stages),
            _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, "Unknown topology."),
        };
    }

    /// <summary>
    /// How many consecutive stages each of <paramref name="threads"/> threads runs: as even as possible, earlier
    /// threads taking one more when the stages do not divide evenly.
    /// </summary>
    public static int[] Split(int stages, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, stages == 0 ? 0 : 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, stages);
        var sizes = new int[threads];
        for (int i = 0; i < threads; i++)
        {
            sizes[i] = stages / threads + (i < stages % threads ? 1 : 0);
        }

        return sizes;
    }
}
