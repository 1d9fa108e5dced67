using System.Runtime;
using LowLatency.Engine;
using LowLatency.Hosting.Settings;
using LowLatency.Market;
using LowLatency.Market.Handlers;

namespace LowLatency.Hosting;

/// <summary>
/// Everything the hosted pipeline is built from, bound from the <see cref="SectionName"/> configuration section
/// (appsettings.json, environment <c>LowLatency__RingSize</c>, command line <c>--LowLatency:RingSize</c>) and
/// validated once when the host starts. A class with setters, not a record struct, because that is what the
/// configuration binder fills; <see cref="ToPipelineOptions"/> turns it into the engine's options.
/// </summary>
public sealed class MarketHostOptions
{
    public const string SectionName = "LowLatency";

    /// <summary>Slots in the ring; a power of two between 2 and 2^30.</summary>
    public int RingSize { get; set; } = 1 << 16;

    /// <summary>Multi when the host publishes from several threads, or alongside a built-in input.</summary>
    public ProducerType ProducerType { get; set; } = ProducerType.Single;

    public WaitStrategyKind WaitStrategy { get; set; } = WaitStrategyKind.Hybrid;

    /// <summary>How the stages map onto threads: Auto (the default: one thread per stage when the cores allow one for
    /// each besides the producer, else consecutive stages share threads; all on one thread on 2 cores), Threaded (one
    /// thread per stage) or Fused (every stage on one thread).</summary>
    public StageTopology Topology { get; set; } = StageTopology.Auto;

    /// <summary>What a stage does when it throws: LogAndContinue (log, count, go on) or Halt (log, stop the pipeline).</summary>
    public ExceptionPolicy ExceptionPolicy { get; set; } = ExceptionPolicy.LogAndContinue;

    /// <summary>Record ingest → strategy latency into an HdrHistogram (one clock read per event); enables the latency gauges.</summary>
    public bool RecordLatency { get; set; }

    /// <summary>Most symbols the pipeline will ever see; per-symbol state is sized by it once.</summary>
    public int SymbolCapacity { get; set; } = SymbolTable.DefaultCapacity;

    /// <summary>Symbols interned before start, so host code can look their ids up; the generator trades them.</summary>
    public string[]? Symbols { get; set; }

    /// <summary>Built-in producer started with the host: None (the default: only host code publishes), Generator or Ticks.</summary>
    public InputKind Input { get; set; } = InputKind.None;

    /// <summary>Stop the host once the built-in input is exhausted (a finished replay, a bounded generator run).</summary>
    public bool StopWhenInputEnds { get; set; }

    /// <summary>Write every signal (accepted order) to this CSV file (same format as the console's <c>--signals-out</c>).</summary>
    public string? SignalsOut { get; set; }

    /// <summary>Write every fill to this CSV file (same format as the console's <c>--fills-out</c>).</summary>
    public string? FillsOut { get; set; }

    public GeneratorSettings Generator { get; set; } = new();

    public TickInputSettings Ticks { get; set; } = new();

    public FilterSettings Filter { get; set; } = new();

    public AggregatorSettings Aggregator { get; set; } = new();

    public StrategySettings Strategy { get; set; } = new();

    public TradingSettings Trading { get; set; } = new();

    public StageThreadSettings Threads { get; set; } = new();

    public HealthSettings Health { get; set; } = new();

    /// <summary>
    /// Generated events pushed through a separate, throwaway pipeline before start, so the shared code (handlers,
    /// sequencer, barriers) reaches optimized JIT tiers before the first real event; 0 skips it.
    /// </summary>
    public long WarmupEvents { get; set; }

    /// <summary>Upper bound for draining every published event through every stage at stop. Keep it below
    /// HostOptions.ShutdownTimeout (30 s by default), or the host gives up waiting first.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a status line (events, rate, lag, signals) is logged; zero turns it off.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.Zero;

    /// <summary>Signals buffered between the strategy thread and the subscribers; a power of two.</summary>
    public int SignalQueueCapacity { get; set; } = 4096;

    /// <summary>What the strategy stage does when subscribers fall behind and the signal queue is full: Drop (the
    /// default) or Fail (<see cref="SignalQueueFullMode"/>; Wait is refused, the hub never makes the strategy wait).</summary>
    public SignalQueueFullMode SignalQueueFullMode { get; set; } = SignalQueueFullMode.Drop;

    /// <summary>Process-wide GC latency mode set at start (e.g. SustainedLowLatency); null leaves it alone.</summary>
    public GCLatencyMode? GcLatencyMode { get; set; }

    /// <summary>Stop the host when a stage halts the pipeline (ExceptionPolicy Halt).</summary>
    public bool StopHostOnHalt { get; set; } = true;

    /// <summary>The engine's options; allowed filter symbols are interned into <paramref name="symbols"/>. Call after
    /// validation: invalid values throw here.</summary>
    public MarketPipelineOptions ToPipelineOptions(SymbolTable symbols) => new()
    {
        RingSize = RingSize,
        ProducerType = ProducerType,
        WaitStrategy = WaitStrategy,
        // Pins on several CPUs lay the stages out one per thread; Auto follows them rather than fuse and refuse.
        Topology = Topology == StageTopology.Auto && Threads.PinsSeveralCpus ? StageTopology.Threaded : Topology,
        ExceptionPolicy = ExceptionPolicy,
        RecordLatency = RecordLatency,
        Filter = Filter.ToOptions(symbols),
        Aggregator = new AggregatorOptions
        {
            RollingBucketWidthNs = Aggregator.RollingBucketWidthNs,
            RollingBucketCount = Aggregator.RollingBucketCount,
            BarIntervalNs = Aggregator.BarIntervalNs,
        },
        Trading = Trading.ToOptions(),
    };
}
