using System.CommandLine;
using System.CommandLine.Parsing;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Cli.Commands;

/// <summary>What every pipeline command (<c>run</c>, <c>replay</c>, <c>bridge consume</c>) shares: ring size, wait
/// strategy, stage topology, the strategy and its parameters, risk limits, fill latency, the signal and fill CSV outputs, and the
/// symbol capacity.</summary>
internal sealed class PipelineCommandOptions
{
    private readonly StrategyCommandOptions _strategy;

    public PipelineCommandOptions(StrategyCatalog catalog)
    {
        _strategy = new StrategyCommandOptions(catalog);
    }

    public Option<int> RingSize { get; } = new("--ring-size")
    {
        Description = "Ring slots, a power of two.",
        DefaultValueFactory = _ => 1 << 16,
        CustomParser = r => OptionParsers.ParseRingCapacity(r, 1 << 16),
    };

    public Option<WaitStrategyKind> Wait { get; } = new("--wait")
    {
        Description = "Wait strategy: Hybrid (default), Yielding, BusySpin, Sleeping, Blocking.",
        DefaultValueFactory = _ => WaitStrategyKind.Hybrid,
        CustomParser = r => OptionParsers.ParseEnum(r, WaitStrategyKind.Hybrid),
    };

    public Option<StageTopology> Topology { get; } = new("--topology")
    {
        Description = "Stage threads: Auto (default; one per stage if the cores allow, else stages share), Threaded (one per stage), Fused (all on one).",
        DefaultValueFactory = _ => StageTopology.Auto,
        CustomParser = r => OptionParsers.ParseEnum(r, StageTopology.Auto),
    };

    public Option<FixedPoint> MaxPosition { get; } = AmountOption("--max-position",
        "Risk limit: largest |position| per symbol in units, open orders included (default 0 = off).", 1_000_000_000m);

    public Option<FixedPoint> MaxOrderQuantity { get; } = AmountOption("--max-order-quantity",
        "Risk limit: largest quantity of one order (default 0 = off).", 1_000_000_000m);

    public Option<FixedPoint> MaxNotional { get; } = DefaultedOption("--max-notional",
        "Risk limit: largest |position| x price per symbol, open orders included (default 1000000; 0 = off).",
        new RiskLimits().MaxNotional, r => OptionParsers.ParseAmount(r, 90_000_000_000m));

    public Option<long> FillLatency { get; } = new("--fill-latency")
    {
        Description = "An order fills on its symbol's first event at least this long after the decision (default 0 = the next event).",
        CustomParser = r => OptionParsers.ParseDurationNs(r),
    };

    public Option<FixedPoint> FeeBps { get; } = AmountOption("--fee-bps",
        "Fee of each fill in basis points of its notional, e.g. 0.5 (default 0).", 10_000m);

    public Option<FixedPoint> FeePerUnit { get; } = AmountOption("--fee-per-unit",
        "Fee of each fill per unit traded, e.g. 0.0035 a share (default 0).", 1_000_000m);

    public Option<FixedPoint> SlippageBps { get; } = AmountOption("--slippage-bps",
        "Each fill's price moves this many basis points against the order (default 0).", 10_000m);

    public Option<FixedPoint> Capital { get; } = DefaultedOption("--capital",
        "Starting capital that drawdown % and returns are measured against (default 100000).",
        new TradingOptions().StartingCapital, r => OptionParsers.ParsePositiveAmount(r, 90_000_000_000m));

    public Option<long> EquityInterval { get; } = DefaultedOption("--equity-interval",
        "The equity curve gets a point every this much exchange time besides every fill (default 1m; 0 = fills only).",
        new TradingOptions().EquityIntervalNs, r => OptionParsers.ParseDurationNs(r, maxNs: 86_400_000_000_000));

    public Option<DirectoryInfo?> Report { get; } = new("--report")
    {
        Description = "Write a backtest report to this folder: fills.csv, equity.csv, equity.png, summary.json.",
    };

    public Option<FileInfo?> SignalsOut { get; } = new("--signals-out") { Description = "Write every signal (accepted order) to this CSV file." };

    public Option<FileInfo?> FillsOut { get; } = new("--fills-out") { Description = "Write every fill to this CSV file." };

    public SymbolCapacityOption SymbolCapacity { get; } = new();

    // Defaults taken from the library's own options types, so the CLI cannot drift from them; parse sees only a given value.
    private static Option<T> DefaultedOption<T>(string name, string description, T defaultValue, Func<ArgumentResult, T> parse) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => r.Tokens.Count == 0 ? defaultValue : parse(r) };

    // Risk limits, fees and slippage: an exact amount from 0 to max, default 0 (= off or none).

    private static Option<FixedPoint> AmountOption(string name, string description, decimal max) =>
        new(name) { Description = description, CustomParser = r => OptionParsers.ParseAmount(r, max) };

    public void AddTo(Command command)
    {
        command.Options.Add(RingSize);
        command.Options.Add(Wait);
        command.Options.Add(Topology);
        _strategy.AddTo(command);
        command.Options.Add(MaxPosition);
        command.Options.Add(MaxOrderQuantity);
        command.Options.Add(MaxNotional);
        command.Options.Add(FillLatency);
        command.Options.Add(FeeBps);
        command.Options.Add(FeePerUnit);
        command.Options.Add(SlippageBps);
        command.Options.Add(Capital);
        command.Options.Add(EquityInterval);
        command.Options.Add(Report);
        command.Options.Add(SignalsOut);
        command.Options.Add(FillsOut);
        SymbolCapacity.AddTo(command);
    }

    /// <summary>The pipeline options from the parsed command line; <paramref name="producerThreads"/> threads will
    /// publish (one gets the single-producer sequencer; the Auto topology leaves each a core).</summary>
    public PipelineSetup Bind(ParseResult parse, int producerThreads, bool recordLatency)
    {
        (StrategyDefinition definition, StrategyParameters parameters) = _strategy.Bind(parse);
        var options = new MarketPipelineOptions
        {
            RingSize = parse.GetValue(RingSize),
            WaitStrategy = parse.GetValue(Wait),
            Topology = parse.GetValue(Topology),
            ProducerType = producerThreads == 1 ? ProducerType.Single : ProducerType.Multi,
            ProducerThreads = producerThreads,
            RecordLatency = recordLatency,
            Trading = new TradingOptions
            {
                Risk = new RiskLimits
                {
                    MaxPosition = parse.GetValue(MaxPosition),
                    MaxOrderQuantity = parse.GetValue(MaxOrderQuantity),
                    MaxNotional = parse.GetValue(MaxNotional),
                },
                FillLatencyNs = parse.GetValue(FillLatency),
                FeeBps = parse.GetValue(FeeBps),
                FeePerUnit = parse.GetValue(FeePerUnit),
                SlippageBps = parse.GetValue(SlippageBps),
                StartingCapital = parse.GetValue(Capital),
                EquityIntervalNs = parse.GetValue(EquityInterval),
            },
        };
        return new PipelineSetup(options, definition, parameters,
            new OutputPaths(parse.GetValue(SignalsOut)?.FullName, parse.GetValue(FillsOut)?.FullName, parse.GetValue(Report)?.FullName))
        {
            SymbolCapacity = parse.GetValue(SymbolCapacity.Option),
        };
    }
}
