namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// Tests that run several busy threads share one collection, so they run one at a time: on 2 cores, two of them
/// side by side would only fight for the cores (spinning strategies collapse when threads outnumber cores).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BusyThreadsCollection
{
    public const string Name = "Busy threads";
}

/// <summary>Tests that measure process-wide allocations: they must run with nothing else running.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "Isolated";
}
