namespace LowLatency.Market.Strategies;

/// <summary>
/// A trading strategy, implemented on a <c>struct</c>: the strategy stage is generic over it, so the JIT compiles one
/// loop for it and inlines its callbacks (no interface dispatch, no allocation per event). It decides; the engine keeps
/// positions, applies the risk limits, simulates fills and computes PnL, the same in replay, the host and the Kafka
/// bridge.
/// </summary>
/// <typeparam name="TSelf">The implementing struct itself (<c>struct MyStrategy : IStrategy&lt;MyStrategy&gt;</c>), so
/// the static members below can build and describe it from a name alone (<c>--strategy my-strategy</c>).</typeparam>
/// <remarks>
/// Called on the strategy thread only, in event order. Keep per-symbol state in arrays allocated in
/// <see cref="Create"/> (sized by <see cref="StrategySetup.SymbolCapacity"/>) and index them by
/// <see cref="StrategyContext.Symbol"/>. The callbacks must not allocate, block or read the clock: the same ticks then
/// give the same signals and fills, byte for byte, run after run and front end after front end.
/// </remarks>
public interface IStrategy<TSelf>
    where TSelf : struct, IStrategy<TSelf>
{
    /// <summary>The name it is chosen by: <c>--strategy NAME</c>, <c>LowLatency:Strategy:Name</c>. Lowercase with dashes.</summary>
    static abstract string Name { get; }

    /// <summary>One line for <c>lowlatency strategies</c> and the help text.</summary>
    static virtual string Description => string.Empty;

    /// <summary>
    /// Builds the strategy, reading its settings from <paramref name="parameters"/> (<c>--strategy-param key=value</c>,
    /// a settings file or the host's configuration). Every parameter it reads is declared with its default, range and
    /// description there, which is how help lists them and how a bad key or value is reported. May be called more
    /// than once (validation, warm-up), so it must have no side effects beyond allocating its own state.
    /// </summary>
    static abstract TSelf Create(StrategyParameters parameters, StrategySetup setup);

    /// <summary>Name of a reason code this strategy puts in its intents, for CSV files and summaries.</summary>
    static virtual string ReasonName(byte reason) => reason.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An accepted trade of <see cref="StrategyContext.Symbol"/>; the book, aggregates and position already include it.</summary>
    void OnTrade(ref StrategyContext context);

    /// <summary>An accepted quote (best bid and offer) of <see cref="StrategyContext.Symbol"/>; the book, aggregates
    /// and position already include it.</summary>
    void OnQuote(ref StrategyContext context);
}
