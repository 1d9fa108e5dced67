namespace LowLatency.Market.Tests;

/// <summary>
/// Allocation tests read the process-wide allocation counter, so nothing else may run beside them: xunit runs this
/// collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ZeroAllocationCollection
{
    public const string Name = "Zero allocation";
}
