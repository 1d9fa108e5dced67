namespace LowLatency.Market.Strategies;

/// <summary>One parameter a strategy reads, as declared in its <c>Create</c>: for help text and listings.</summary>
/// <param name="Name">The key, e.g. <c>entry-bps</c> (matched ignoring case, dashes and underscores, so <c>EntryBps</c> works in JSON).</param>
/// <param name="Kind">What it takes: whole number, decimal, duration, true/false, text.</param>
/// <param name="Default">The default, as text; empty when unset by default.</param>
/// <param name="Range">The accepted range, as text; empty when any value of the kind is accepted.</param>
/// <param name="Description">What it does.</param>
public sealed record StrategyParameterInfo(string Name, string Kind, string Default, string Range, string Description);
