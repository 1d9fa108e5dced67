using LowLatency.Hosting;
using LowLatency.HostSample;
using LowLatency.Kafka.Hosting;
using LowLatency.Market;
using Microsoft.Extensions.Options;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Services.AddMarketPipeline(builder.Configuration.GetSection(MarketHostOptions.SectionName));
if (builder.Configuration.GetSection(KafkaBridgeHostOptions.SectionName).Exists())
{
    builder.Services.AddKafkaTickBridge(builder.Configuration.GetSection(KafkaBridgeHostOptions.SectionName)); // ticks from a topic
}

builder.Services.AddPipelineTelemetry(builder.Configuration.GetSection(TelemetryOptions.SectionName)); // OpenTelemetry when Telemetry:Exporter is Console or Otlp

using IHost host = builder.Build();
try
{
    var pipeline = host.Services.GetRequiredService<MarketPipelineService>(); // validates the LowLatency options

    // Signals arrive on the hub's dispatch thread, never on the strategy thread.
    long buys = 0;
    using IDisposable subscription = pipeline.Signals.Subscribe(signal => buys += signal.Side == SignalSide.Buy ? 1 : 0);

    await host.RunAsync(); // SIGTERM or Ctrl+C: stop the input, drain every event through every stage, log the counts
    Console.WriteLine($"{buys} buy signals received");
    return pipeline.Report?.Drained == true ? 0 : 1;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}"); // names the setting, e.g. LowLatency:RingSize
    return 2;
}
