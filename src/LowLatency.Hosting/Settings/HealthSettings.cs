namespace LowLatency.Hosting.Settings;

/// <summary>When the health check calls the pipeline unhealthy (<c>LowLatency:Health</c>); it always does once halted.</summary>
public sealed class HealthSettings
{
    /// <summary>Lag (events claimed but not through the strategy) above which the pipeline is behind; 0 = half the ring.</summary>
    public long MaxLag { get; set; }

    /// <summary>How long the lag may stay above <see cref="MaxLag"/> before the check reports Unhealthy (Degraded until then).</summary>
    public TimeSpan MaxLagDuration { get; set; } = TimeSpan.FromSeconds(5);
}
