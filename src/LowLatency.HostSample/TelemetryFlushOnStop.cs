using OpenTelemetry.Metrics;

namespace LowLatency.HostSample;

/// <summary>
/// Exports the pipeline's metrics once more when the host has stopped (every stage drained): the final counts of a
/// short run would otherwise wait for disposal, where the pipeline's meter may be disposed before OpenTelemetry
/// collects it a last time (the container disposes in reverse creation order, and which came first varies).
/// </summary>
internal sealed class TelemetryFlushOnStop(MeterProvider meters) : IHostedLifecycleService
{
    private const int FlushTimeoutMs = 5_000; // an unreachable collector must not hold the shutdown for long

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        meters.ForceFlush(FlushTimeoutMs);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
