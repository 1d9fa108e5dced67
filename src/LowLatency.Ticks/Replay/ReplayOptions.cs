namespace LowLatency.Ticks.Replay;

/// <summary>How recorded ticks are pushed into a pipeline.</summary>
public readonly record struct ReplayOptions
{
    public ReplayOptions()
    {
    }

    /// <summary>0 = as fast as possible; otherwise a factor of recorded time (1 = recorded pace, 10 = ten times faster).</summary>
    public double Speed { get; init; }

    /// <summary>Only ticks inside this UTC window (<see cref="TickTimeRange.Contains"/>); <c>default</c> replays all.</summary>
    public TickTimeRange Window { get; init; }

    /// <summary>Only these symbols; null replays all.</summary>
    public IReadOnlyCollection<string>? Symbols { get; init; }

    /// <summary>How often <see cref="ReplayRun.Execute"/> reports progress.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound for draining the ring at the end.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
