using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Macro;
using LowLatency.Market;
using LowLatency.Ticks.Replay;
using LowLatency.Market.Strategies;
using LowLatency.Ticks;
using LowLatency.Ticks.Journal;

namespace LowLatency.Benchmarks.Ticks;

/// <summary>
/// A trading day of ticks (451 545 events) replayed from a journal through filter → aggregator → strategy (the default
/// built-in strategy with its default parameters, as the CLI runs when none is named), end to end: pipeline start,
/// every tick read from the memory-mapped journal straight into its ring slot, drain, stop.
/// The pipeline is built (ring and state arrays allocated) in IterationSetup, since a pipeline runs once.
/// Target: ≥ 20 M events/s, i.e. the day in under 25 ms. With <see cref="Report"/> the run also streams what
/// <c>replay --report</c> writes while it runs (fills.csv and equity.csv, to temporary files); target ≥ 80 % of the
/// rate without. <see cref="Compression"/> compares the journal's records blocks stored as they are, LZ4 (the writers'
/// default) and Zstandard, in one run.
/// </summary>
[Config(typeof(MacroConfig))]
[WarmupCount(ReplayWarmups)]
[IterationCount(15)]
[MemoryDiagnoser]
[MedianColumn]
public class ReplayBenchmarks
{
    /// <summary>A replayed day is ~25 ms, so MacroConfig's 3 warm-ups end before tiered compilation has recompiled the
    /// reader, the decompressor and the stage loops (30 calls, then a 100 ms delay): measured iterations then mixed
    /// tier-0 and tier-1 code (LZ4 medians 13–17 M/s, error ±50 ns). 25 warm-ups (~0.7 s) measure the steady state.</summary>
    private const int ReplayWarmups = 25;

    private string _journal = "";
    private MarketPipeline? _pipeline;
    private TickMerger? _input;
    private CsvRowWriter[] _report = [];
    private string[] _reportFiles = [];

    /// <summary>Auto (the default: on 2 cores, the three stages on one thread) against a thread per stage; wait Hybrid.</summary>
    [Params(Engine.StageTopology.Auto, Engine.StageTopology.Threaded)]
    public Engine.StageTopology Topology { get; set; }

    [Params(false, true)]
    public bool Report { get; set; }

    [Params(JournalCompression.None, JournalCompression.Lz4, JournalCompression.Zstd)]
    public JournalCompression Compression { get; set; }

    [GlobalSetup]
    public void Setup() => _journal = TickSamples.GeneratedJournal(TickSamples.TradingDayTicks, Compression);

    [IterationSetup]
    public void BuildPipeline()
    {
        var symbols = new SymbolTable();
        _input = new TickMerger([JournalReader.Open(_journal, symbols)]);
        _pipeline = new MarketPipelineBuilder(symbols, new MarketPipelineOptions { Topology = Topology })
            .WithStrategy(StrategyCatalog.WithBuiltIns().Default, StrategyParameters.Defaults())
            .Build();
        if (Report)
        {
            _reportFiles = [Path.GetTempFileName(), Path.GetTempFileName()];
            var fills = new CsvFillWriter(File.Create(_reportFiles[0], 1), symbols, _pipeline.Reasons);
            var equity = new CsvEquityWriter(File.Create(_reportFiles[1], 1), symbols, _pipeline.Reasons);
            _report = [fills, equity];
            _pipeline.Trading.Sink = SignalSinks.Combine(fills, equity);
        }
    }

    [Benchmark(OperationsPerInvoke = TickSamples.TradingDayTicks)]
    public long JournalReplayTradingDay()
    {
        ReplayReport report = ReplayRun.Execute(_pipeline!, _input!, new ReplayOptions());
        if (!report.Drained || report.Published != TickSamples.TradingDayTicks)
        {
            throw new InvalidOperationException($"replay published {report.Published} events, drained: {report.Drained}");
        }

        return report.Published;
    }

    [IterationCleanup]
    public void Dispose()
    {
        _pipeline?.Dispose();
        _input?.Dispose();
        foreach (CsvRowWriter writer in _report)
        {
            writer.Dispose();
        }

        foreach (string file in _reportFiles)
        {
            File.Delete(file);
        }

        (_report, _reportFiles) = ([], []);
    }

    [GlobalCleanup]
    public void DeleteJournal() => File.Delete(_journal);
}
