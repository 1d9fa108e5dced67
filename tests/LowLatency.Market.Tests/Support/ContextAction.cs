using LowLatency.Market.Strategies;

namespace LowLatency.Market.Tests.Support;

/// <summary>What a <see cref="ScriptedStrategy"/> does on an event.</summary>
internal delegate void ContextAction(ref StrategyContext context);
