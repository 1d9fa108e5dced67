using System.CommandLine;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Handlers;

namespace LowLatency.Cli.Commands;

/// <summary>The pipeline options every pipeline command shares: ring size, wait strategy, strategy.</summary>
internal sealed class PipelineCommandOptions
{
    public PipelineCommandOptions()
    {
        RingSize.Validators.Add(r =>
        {
            int v = r.GetValueOrDefault<int>();
            if (v < 2 || v > 1 << 30 || (v & (v - 1)) != 0)
            {
                r.AddError($"--ring-size: must be a power of two between 2 and 1073741824 (got {v}).");
            }
        });
    }

    public Option<int> RingSize { get; } = new("--ring-size")
    {
        Description = "Ring slots, a power of two.",
        DefaultValueFactory = _ => 1 << 16,
    };

    public Option<WaitStrategyKind> Wait { get; } = new("--wait")
    {
        Description = "Wait strategy: Hybrid (default), Yielding, BusySpin, Sleeping, Blocking.",
        DefaultValueFactory = _ => WaitStrategyKind.Hybrid,
    };

    public Option<StrategyKind> Strategy { get; } = new("--strategy")
    {
        Description = "Strategy: Threshold (buy < 150, sell > 150) or VwapMeanReversion.",
        DefaultValueFactory = _ => StrategyKind.Threshold,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(RingSize);
        command.Options.Add(Wait);
        command.Options.Add(Strategy);
    }

    public MarketPipelineOptions Bind(ParseResult parse, ProducerType producerType, bool recordLatency) => new()
    {
        RingSize = parse.GetValue(RingSize),
        WaitStrategy = parse.GetValue(Wait),
        ProducerType = producerType,
        RecordLatency = recordLatency,
        Strategy = new StrategyOptions { Kind = parse.GetValue(Strategy) },
    };
}
