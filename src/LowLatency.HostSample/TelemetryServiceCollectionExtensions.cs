using LowLatency.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace LowLatency.HostSample;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Exports the pipeline's meter (<see cref="MarketPipelineMetrics.MeterName"/>) through OpenTelemetry as
    /// <paramref name="section"/> says: <c>Exporter</c> None (default: nothing is registered), Console or Otlp, and
    /// <c>OtlpEndpoint</c>; exported periodically and once more when the host has stopped (the drained totals). The
    /// exporter is chosen here, so the section is read now; a bad value fails the host's start with an
    /// <see cref="OptionsValidationException"/> naming the key, as a bad <c>LowLatency</c> setting does.
    /// </summary>
    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var options = new TelemetryOptions();
        List<string> errors = Bind(section, options);
        if (errors.Count > 0)
        {
            services.AddOptions<TelemetryOptions>().Validate(_ => false, string.Join("; ", errors)).ValidateOnStart();
            return services;
        }

        if (options.Exporter == TelemetryExporter.None)
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(MarketPipelineMetrics.MeterName);
            if (options.Exporter == TelemetryExporter.Console)
            {
                metrics.AddConsoleExporter();
            }
            else
            {
                // Set only when given: an endpoint set in code is used as is, and unset OpenTelemetry reads its own variables.
                metrics.AddOtlpExporter(otlp =>
                {
                    if (options.OtlpEndpoint is { } endpoint)
                    {
                        otlp.Endpoint = endpoint;
                    }
                });
            }
        });
        services.AddHostedService<TelemetryFlushOnStop>();
        return services;
    }

    private static List<string> Bind(IConfigurationSection section, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (section["Exporter"] is { } exporter)
        {
            if (Enum.TryParse(exporter, ignoreCase: true, out TelemetryExporter parsed) && Enum.IsDefined(parsed))
            {
                options.Exporter = parsed;
            }
            else
            {
                errors.Add($"{section.Path}:Exporter must be one of {string.Join(", ", Enum.GetNames<TelemetryExporter>())} (got '{exporter}').");
            }
        }

        if (section["OtlpEndpoint"] is { Length: > 0 } endpoint)
        {
            if (Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                options.OtlpEndpoint = uri;
            }
            else
            {
                errors.Add($"{section.Path}:OtlpEndpoint must be an absolute http or https URL (got '{endpoint}').");
            }
        }

        return errors;
    }
}
