namespace LowLatency.Market.Strategies;

/// <summary>
/// The strategies a front end can run by name: the built-ins (<see cref="ThresholdStrategy"/>,
/// <see cref="VwapMeanReversionStrategy"/>) plus any you add. Names match ignoring case.
/// </summary>
public sealed class StrategyCatalog
{
    private readonly Dictionary<string, StrategyDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StrategyDefinition> _all = [];

    /// <summary>An empty catalog; <see cref="WithBuiltIns"/> has the built-in strategies.</summary>
    public StrategyCatalog()
    {
    }

    /// <summary>The built-ins, with <see cref="ThresholdStrategy"/> as the default.</summary>
    public static StrategyCatalog WithBuiltIns() =>
        new StrategyCatalog().Add<ThresholdStrategy>().Add<VwapMeanReversionStrategy>();

    /// <summary>Used when no strategy is named: the first one added unless set.</summary>
    public string? DefaultName { get; set; }

    public IReadOnlyList<StrategyDefinition> All => _all;

    /// <summary>The strategy used when none is named.</summary>
    public StrategyDefinition Default =>
        DefaultName is { } name ? Get(name) : _all.Count > 0 ? _all[0] : throw new InvalidOperationException("The strategy catalog is empty.");

    /// <summary>Adds <typeparamref name="TStrategy"/> under <paramref name="name"/> (default: its own <c>Name</c>); with
    /// <paramref name="isDefault"/>, it becomes the strategy used when none is named.</summary>
    public StrategyCatalog Add<TStrategy>(string? name = null, bool isDefault = false)
        where TStrategy : struct, IStrategy<TStrategy> =>
        Add(StrategyDefinition.For<TStrategy>(name), isDefault);

    public StrategyCatalog Add(StrategyDefinition definition, bool isDefault = false)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!_byName.TryAdd(definition.Name, definition))
        {
            throw new ArgumentException($"A strategy named '{definition.Name}' is registered already.", nameof(definition));
        }

        _all.Add(definition);
        if (isDefault)
        {
            DefaultName = definition.Name;
        }

        return this;
    }

    public bool TryGet(string name, out StrategyDefinition definition) => _byName.TryGetValue(name, out definition!);

    /// <summary>The named strategy; an unknown name throws <see cref="ArgumentException"/> listing the registered names.</summary>
    public StrategyDefinition Get(string name) =>
        TryGet(name, out StrategyDefinition definition)
            ? definition
            : throw new ArgumentException($"unknown strategy '{name}'; registered: {string.Join(", ", _all.Select(d => d.Name))}.");
}
