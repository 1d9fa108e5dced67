namespace LowLatency.Market.Strategies;

/// <summary>
/// A strategy type behind a name: what front ends hold when the strategy is chosen at run time
/// (<c>--strategy NAME</c>, <c>LowLatency:Strategy:Name</c>). Builds the struct from text parameters and adds it to a
/// pipeline; from there on everything is generic over the struct, so the name costs nothing per event.
/// </summary>
public abstract class StrategyDefinition
{
    private protected StrategyDefinition(string name, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Description = description;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>The parameters the strategy reads, with defaults, ranges and descriptions (from a dry run of its
    /// <c>Create</c> with no values).</summary>
    public IReadOnlyList<StrategyParameterInfo> Parameters
    {
        get
        {
            StrategyParameters defaults = StrategyParameters.Defaults();
            Validate(defaults);
            return defaults.Declared;
        }
    }

    /// <summary>A definition for <typeparamref name="TStrategy"/>, named <paramref name="name"/> or its own <c>Name</c>.</summary>
    public static StrategyDefinition For<TStrategy>(string? name = null)
        where TStrategy : struct, IStrategy<TStrategy> =>
        new Of<TStrategy>(name ?? TStrategy.Name, TStrategy.Description);

    /// <summary>Builds the strategy from <paramref name="parameters"/> and throws the first problem
    /// (<see cref="StrategyParameterException"/>: unknown key, bad value, out of range); builds nothing else.</summary>
    public abstract void Validate(StrategyParameters parameters);

    /// <summary>Builds the strategy from <paramref name="parameters"/> and makes it <paramref name="builder"/>'s strategy.</summary>
    public abstract MarketPipelineBuilder AddTo(MarketPipelineBuilder builder, StrategyParameters parameters);

    private sealed class Of<TStrategy>(string name, string description) : StrategyDefinition(name, description)
        where TStrategy : struct, IStrategy<TStrategy>
    {
        // Enough ids for strategies that size arrays by capacity; validation never sees real symbols.
        private const int ValidationSymbolCapacity = 16;

        public override void Validate(StrategyParameters parameters) => Create(parameters, new SymbolTable(ValidationSymbolCapacity));

        public override MarketPipelineBuilder AddTo(MarketPipelineBuilder builder, StrategyParameters parameters)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.WithStrategy(Create(parameters, builder.Symbols), Name);
        }

        private TStrategy Create(StrategyParameters parameters, SymbolTable symbols)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            TStrategy strategy = TStrategy.Create(parameters, new StrategySetup(symbols));
            parameters.ThrowIfUnread(Name);
            return strategy;
        }
    }
}
