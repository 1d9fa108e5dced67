namespace LowLatency.Benchmarks.Macro;

/// <summary>The two handler graphs with parallel stages that the fan-out suites measure.</summary>
public enum FanOutShape
{
    /// <summary>Three handlers in parallel on every event: <c>HandleEventsWith(a, b, c)</c>.</summary>
    Multicast,

    /// <summary>Two handlers in parallel, then one that needs both: <c>HandleEventsWith(a, b).Then(c)</c>.</summary>
    Diamond,
}
