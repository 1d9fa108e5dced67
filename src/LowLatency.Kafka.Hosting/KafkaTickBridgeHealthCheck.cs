using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LowLatency.Kafka.Hosting;

/// <summary>
/// Unhealthy when the bridge is not consuming: not started yet, stopped, or dead on a fatal Kafka error (the pipeline
/// itself would still look healthy, idle with no input, which is exactly what this check is for).
/// </summary>
public sealed class KafkaTickBridgeHealthCheck(KafkaTickBridgeService service) : IHealthCheck
{
    public const string Name = "lowlatency-kafka-bridge";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        HealthStatus failure = context.Registration.FailureStatus;
        if (service.Bridge is not { } bridge)
        {
            return Task.FromResult(new HealthCheckResult(failure, "The Kafka bridge has not started."));
        }

        var data = new Dictionary<string, object>
        {
            ["consumed"] = bridge.Consumed,
            ["processed"] = bridge.Published,
            ["badMessages"] = bridge.BadMessages,
            ["commits"] = bridge.Commits,
        };
        HealthCheckResult result = bridge.Error is { } error
            ? new HealthCheckResult(failure, "The Kafka consumer stopped on a fatal error: " + error, data: data)
            : !bridge.IsRunning
                ? new HealthCheckResult(failure, "The Kafka bridge is not running.", data: data)
                : HealthCheckResult.Healthy($"Consuming {service.Options.Topic} as group {service.Options.GroupId}.", data);
        return Task.FromResult(result);
    }
}
