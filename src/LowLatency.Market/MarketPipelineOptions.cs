using LowLatency.Engine;
using LowLatency.Market.Handlers;
using LowLatency.Market.Trading;

namespace LowLatency.Market;

/// <summary>Everything a <see cref="MarketPipeline"/> is built from but the strategy. Validated once, by
/// <see cref="MarketPipelineBuilder"/>.</summary>
public readonly record struct MarketPipelineOptions
{
    public MarketPipelineOptions()
    {
    }

    /// <summary>Slots in the ring; a power of two. 65 536 slots of 64 bytes = 4 MiB.</summary>
    public int RingSize { get; init; } = 1 << 16;

    /// <summary>Single for one publishing thread, Multi for several.</summary>
    public ProducerType ProducerType { get; init; } = ProducerType.Single;

    /// <summary>How stages wait for events. Hybrid (the default) behaves on 2 cores with four busy threads.</summary>
    public WaitStrategyKind WaitStrategy { get; init; } = WaitStrategyKind.Hybrid;

    /// <summary>How stages map onto threads. Auto (the default) gives the stages the cores the producers leave, at least
    /// one thread, consecutive stages sharing (2 cores and one producer: all on one thread; 4 or more: one each).</summary>
    public StageTopology Topology { get; init; } = StageTopology.Auto;

    /// <summary>Batch a stage thread waits a few microseconds for while producers stream (see
    /// <see cref="EventPipeline{T}.CoalesceBatch"/>; the stage threads cap it at half the ring); 0 turns it off.</summary>
    public int CoalesceBatch { get; init; } = EventPipeline<MarketEvent>.DefaultCoalesceBatch;

    /// <summary>Busy threads that publish into the ring; <see cref="StageTopology.Auto"/> leaves them their cores.</summary>
    public int ProducerThreads { get; init; } = 1;

    /// <summary>What a stage does when it throws; the default logs, counts and continues.</summary>
    public ExceptionPolicy ExceptionPolicy { get; init; } = ExceptionPolicy.LogAndContinue;

    /// <summary>Record ingest → strategy latency of every event into <see cref="MarketPipeline.Latency"/> (the strategy
    /// stage reads the clock at each batch's first and last event and every 8th in between; see
    /// <see cref="Handlers.LatencyRecordingHandler{TInner}"/>).</summary>
    public bool RecordLatency { get; init; }

    public FilterOptions Filter { get; init; } = new();

    public AggregatorOptions Aggregator { get; init; } = new();

    /// <summary>Risk limits, simulated execution and log sizes of the strategy stage.</summary>
    public TradingOptions Trading { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!RingCapacity.IsValid(RingSize))
        {
            throw new ArgumentException($"RingSize must be a power of two between 2 and 2^30 (got {RingSize}).", nameof(RingSize));
        }

        if (!Enum.IsDefined(WaitStrategy))
        {
            throw new ArgumentException($"Unknown wait strategy '{WaitStrategy}'.", nameof(WaitStrategy));
        }

        if (!Enum.IsDefined(Topology))
        {
            throw new ArgumentException($"Unknown topology '{Topology}'.", nameof(Topology));
        }

        if (CoalesceBatch < 0)
        {
            throw new ArgumentException($"CoalesceBatch must be 0 (off) or more (got {CoalesceBatch}).", nameof(CoalesceBatch));
        }

        if (ProducerThreads < 1 || ProducerThreads > 1024)
        {
            throw new ArgumentException($"ProducerThreads must be from 1 to 1024 (got {ProducerThreads}).", nameof(ProducerThreads));
        }

        if (!Enum.IsDefined(ProducerType))
        {
            throw new ArgumentException($"Unknown producer type '{ProducerType}'.", nameof(ProducerType));
        }

        Trading.Validate();
    }
}
