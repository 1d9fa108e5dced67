using LowLatency.Market.Strategies;

namespace LowLatency.Market.Tests.Support;

/// <summary>
/// A test strategy: records what it sees on every event (<see cref="Seen"/>) and runs the test's script, so tests can
/// check the context against a reference and place exactly the intents they want. Names reason n <c>rN</c>.
/// </summary>
internal struct ScriptedStrategy : IStrategy<ScriptedStrategy>
{
    private readonly List<ContextSnapshot> _seen;
    private readonly ContextAction? _script;

    public ScriptedStrategy()
        : this(null)
    {
    }

    public ScriptedStrategy(ContextAction? script)
    {
        _seen = [];
        _script = script;
    }

    public static string Name => "scripted";

    public static string Description => "Records its context and runs a test's script.";

    /// <summary>Every event the strategy was called for, in order, as the context showed it before the script ran.</summary>
    public readonly List<ContextSnapshot> Seen => _seen;

    public static ScriptedStrategy Create(StrategyParameters parameters, StrategySetup setup) => new(null);

    public static string ReasonName(byte reason) => "r" + reason.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public readonly void OnTrade(ref StrategyContext context) => Run(ref context);

    public readonly void OnQuote(ref StrategyContext context) => Run(ref context);

    private readonly void Run(ref StrategyContext context)
    {
        _seen.Add(ContextSnapshot.Of(ref context));
        _script?.Invoke(ref context);
    }
}
