namespace LowLatency.Hosting.Inputs;

/// <summary>A built-in producer, run by the host on a dedicated thread until it ends or is cancelled.</summary>
internal interface IMarketInput : IDisposable
{
    string Name { get; }

    /// <summary>Events published so far; read from other threads for status lines.</summary>
    long Published { get; }

    /// <summary>What the input read but did not publish (skipped rows by reason, damaged files); null when it reads no
    /// files.</summary>
    LowLatency.Ticks.TickLosses? Losses => null;

    /// <summary>Publishes until the input is exhausted or <paramref name="cancellation"/> fires.</summary>
    void Run(CancellationToken cancellation);
}
