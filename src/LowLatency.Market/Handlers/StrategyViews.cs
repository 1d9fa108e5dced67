using LowLatency.Engine;

namespace LowLatency.Market.Handlers;

/// <summary>
/// The per-slot views the aggregator writes for the strategy, sized when the pipeline starts. Threads apart, the
/// aggregator may run up to a ring ahead of the strategy, so there is a view per ring slot (4 MiB at the default 65,536
/// slots, streaming through the caches). On one thread (fused, or Auto on 2 cores) the two stages are never more than
/// <see cref="TopologyPlan.FusedBatchLimit"/> events apart, so <see cref="WhenSharingAThread"/> views (64 KiB, in L2)
/// hold every view the strategy has yet to read: measured, the replay of an uncompressed day went from 15.5–18.1 to
/// 19.7–20.0 M events/s.
/// </summary>
internal sealed record StrategyViews(AggregateRing Ring, IEventProcessor Aggregator, IEventProcessor Strategy)
{
    /// <summary>Views when the aggregator and the strategy share a thread: four fused batches.</summary>
    public const int WhenSharingAThread = 4 * TopologyPlan.FusedBatchLimit;

    /// <summary>Sizes the views for <paramref name="plan"/>, the stage threads the engine is about to start (called from
    /// inside its start, before any of them runs).</summary>
    public void Fit(IReadOnlyList<IReadOnlyList<IEventProcessor>> plan, int ringSize)
    {
        bool sharing = plan.Any(thread => thread.Contains(Aggregator) && thread.Contains(Strategy));
        int size = sharing ? Math.Min(ringSize, WhenSharingAThread) : ringSize;
        if (size != Ring.Size)
        {
            Ring.Resize(size);
        }
    }
}
