using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.Hosting.Internal;

/// <summary>
/// Which strategy the hosted pipeline runs and how it is built from <c>LowLatency:Strategy</c>: a fixed type
/// (<c>AddMarketPipeline&lt;TStrategy&gt;</c>) or a name looked up in a catalog; plus the caller's own stages.
/// Used by the validator (so a bad name or parameter stops the start) and by the service.
/// </summary>
internal sealed class HostedStrategy(StrategyCatalog catalog, StrategyDefinition? fixedStrategy, Action<MarketPipelineBuilder>? stages)
{
    /// <summary>The strategy <paramref name="options"/> name (or the fixed one); throws <see cref="ArgumentException"/>
    /// with one line naming the key when the name is unknown or does not match the fixed type.</summary>
    public StrategyDefinition Resolve(MarketHostOptions options, string sectionPath)
    {
        string? name = options.Strategy.Name;
        if (fixedStrategy is not null)
        {
            if (!string.IsNullOrEmpty(name) && !string.Equals(name, fixedStrategy.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"{sectionPath}:Strategy:Name is '{name}', but this host runs '{fixedStrategy.Name}' (remove the key or set it to that name).");
            }

            return fixedStrategy;
        }

        if (string.IsNullOrEmpty(name))
        {
            return catalog.Default;
        }

        return catalog.TryGet(name, out StrategyDefinition definition)
            ? definition
            : throw new ArgumentException(
                $"{sectionPath}:Strategy:Name '{name}' is not a registered strategy; registered: {string.Join(", ", catalog.All.Select(d => d.Name))}.");
    }

    /// <summary>The parameters of <paramref name="options"/>, named by their configuration keys in messages.</summary>
    public static StrategyParameters Parameters(MarketHostOptions options, string sectionPath) =>
        new(options.Strategy.Parameters, sectionPath + ":Strategy:Parameters:{0}");

    /// <summary>Builds the pipeline; <paramref name="withStages"/> false leaves out the caller's stages (for the warm-up,
    /// whose events must not reach them).</summary>
    public MarketPipeline Build(MarketHostOptions options, string sectionPath, SymbolTable symbols, bool withStages)
    {
        var builder = new MarketPipelineBuilder(symbols, options.ToPipelineOptions(symbols))
            .WithStrategy(Resolve(options, sectionPath), Parameters(options, sectionPath));
        if (withStages)
        {
            stages?.Invoke(builder);
        }

        return builder.Build();
    }
}
