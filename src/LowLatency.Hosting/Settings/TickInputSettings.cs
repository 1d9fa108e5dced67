using LowLatency.Ticks;

namespace LowLatency.Hosting.Settings;

/// <summary>Recorded tick files replayed in timestamp order (<c>LowLatency:Ticks</c>).</summary>
public sealed class TickInputSettings
{
    /// <summary>Files to replay (journal, LEAN zip, Binance capture, CSV), merged by timestamp.</summary>
    public string[]? Paths { get; set; }

    public TickFormat Format { get; set; } = TickFormat.Auto;

    /// <summary>Count malformed rows and go on, instead of stopping the input at the first one.</summary>
    public bool SkipBadRows { get; set; }

    /// <summary>Symbol for files that carry none (a CSV without a symbol column).</summary>
    public string? Symbol { get; set; }

    /// <summary>0 = as fast as possible; otherwise a factor of recorded time (1 = recorded pace).</summary>
    public double Speed { get; set; }
}
