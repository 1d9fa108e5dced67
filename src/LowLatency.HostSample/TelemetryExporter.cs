namespace LowLatency.HostSample;

/// <summary>Where the sample sends the pipeline's metrics (<c>Telemetry:Exporter</c>).</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere: no OpenTelemetry is registered (<c>dotnet-counters</c> still reads the meter).</summary>
    None,

    /// <summary>OpenTelemetry's console exporter, on standard output.</summary>
    Console,

    /// <summary>OTLP to a collector at <c>Telemetry:OtlpEndpoint</c>.</summary>
    Otlp,
}
