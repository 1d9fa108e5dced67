using LowLatency.Market.Generation;

namespace LowLatency.Hosting.Settings;

/// <summary>The built-in synthetic producer (<c>LowLatency:Generator</c>); it trades <see cref="MarketHostOptions.Symbols"/>.</summary>
public sealed class GeneratorSettings
{
    /// <summary>Events to publish; 0 publishes until the host stops.</summary>
    public long Events { get; set; }

    /// <summary>Pace; 0 = as fast as the ring takes them (four busy threads on two cores: expect a loaded machine).</summary>
    public long EventsPerSecond { get; set; } = 100_000;

    public ulong Seed { get; set; } = 42;

    public GeneratorModel Model { get; set; } = GeneratorModel.Classic;
}
