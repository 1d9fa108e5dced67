namespace LowLatency.Hosting;

/// <summary>The built-in producer a hosted pipeline runs.</summary>
public enum InputKind
{
    /// <summary>No built-in producer: host code publishes through <see cref="MarketPublisher"/>.</summary>
    None,

    /// <summary>The deterministic synthetic generator (<see cref="Settings.GeneratorSettings"/>).</summary>
    Generator,

    /// <summary>Recorded tick files replayed in timestamp order (<see cref="Settings.TickInputSettings"/>).</summary>
    Ticks,
}
