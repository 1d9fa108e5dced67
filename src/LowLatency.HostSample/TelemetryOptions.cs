namespace LowLatency.HostSample;

/// <summary>The <c>Telemetry</c> section: whether and where the pipeline's metrics are exported through OpenTelemetry.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Default <see cref="TelemetryExporter.None"/>: the sample runs as it does without the section.</summary>
    public TelemetryExporter Exporter { get; set; }

    /// <summary>The collector OTLP sends to. Unset, OpenTelemetry's own setting applies: the environment variable
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else <c>http://localhost:4317</c> (gRPC).</summary>
    public Uri? OtlpEndpoint { get; set; }
}
