using System.Diagnostics;
using LowLatency.Engine;
using LowLatency.Market;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LowLatency.Hosting;

/// <summary>
/// Unhealthy when the pipeline halted (a stage failed under ExceptionPolicy Halt), is not running, or its lag has
/// stayed above <c>LowLatency:Health:MaxLag</c> for longer than <c>MaxLagDuration</c>; Degraded while the lag is
/// above the limit for a shorter time. The lag is sampled every 100 ms by the host, so a burst between two health
/// probes still counts.
/// </summary>
public sealed class MarketPipelineHealthCheck(MarketPipelineService service) : IHealthCheck
{
    public const string Name = "lowlatency-pipeline";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        EventPipeline<MarketEvent> engine = service.Pipeline.Pipeline;
        long lag = engine.Lag;
        var data = new Dictionary<string, object>
        {
            ["state"] = engine.State.ToString(),
            ["lag"] = lag,
            ["processed"] = engine.Processors[^1].ProcessedCount,
        };
        HealthStatus failure = context.Registration.FailureStatus;
        HealthCheckResult result = engine.State switch
        {
            PipelineState.Halted => new HealthCheckResult(failure, HaltedDescription(engine.HaltingFault), data: data),
            PipelineState.Configuring => new HealthCheckResult(failure, "The pipeline has not started.", data: data),
            PipelineState.Stopped => new HealthCheckResult(failure, "The pipeline has stopped.", data: data),
            _ => CheckLag(failure, lag, data),
        };
        return Task.FromResult(result);
    }

    private HealthCheckResult CheckLag(HealthStatus failure, long lag, Dictionary<string, object> data)
    {
        TimeSpan above = service.LagWatch.AboveFor(Stopwatch.GetTimestamp());
        long maxLag = service.LagWatch.MaxLag;
        TimeSpan allowed = service.Options.Health.MaxLagDuration;
        if (above > allowed)
        {
            return new HealthCheckResult(failure,
                $"Lag has stayed above {maxLag} events for {above.TotalSeconds:F1} s (allowed {allowed.TotalSeconds:F1} s); now {lag}.", data: data);
        }

        return above > TimeSpan.Zero
            ? HealthCheckResult.Degraded($"Lag above {maxLag} events for {above.TotalSeconds:F1} s; now {lag}.", data: data)
            : HealthCheckResult.Healthy($"Running; lag {lag}.", data);
    }

    private static string HaltedDescription(HandlerFault? fault) => fault is { } f
        ? $"The pipeline halted: stage '{f.HandlerName}' failed at sequence {f.Sequence}: {f.Exception.Message}"
        : "The pipeline halted.";
}
