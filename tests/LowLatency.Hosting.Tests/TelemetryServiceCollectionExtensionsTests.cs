using System.Net;
using System.Net.Sockets;
using System.Text;
using LowLatency.Hosting.Tests.Support;
using LowLatency.HostSample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace LowLatency.Hosting.Tests;

/// <summary>The sample host's <c>Telemetry</c> switch (<see cref="TelemetryServiceCollectionExtensions.AddPipelineTelemetry"/>).</summary>
[Collection(ProcessWideMeterCollection.Name)]
public sealed class TelemetryServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("None")]
    [InlineData("none")]
    public async Task AddPipelineTelemetry_Off_RegistersNoOpenTelemetry(string? exporter)
    {
        List<ServiceDescriptor> added = [];
        using IHost host = Build(exporter is null ? [] : [new("Telemetry:Exporter", exporter)], added);

        await host.StartBounded();
        await host.StopBounded();

        Assert.Empty(added);
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("Console")]
    [InlineData("otlp")]
    public void AddPipelineTelemetry_On_RegistersAMeterProvider(string exporter)
    {
        List<ServiceDescriptor> added = [];
        using IHost host = Build([new("Telemetry:Exporter", exporter)], added);

        Assert.Contains(added, d => d.ServiceType == typeof(MeterProvider)); // not resolved: its exporter would send
    }

    [Theory]
    [InlineData("Telemetry:Exporter", "prometheus", "Telemetry:Exporter must be one of None, Console, Otlp (got 'prometheus').")]
    [InlineData("Telemetry:Exporter", "7", "Telemetry:Exporter must be one of None, Console, Otlp (got '7').")]
    [InlineData("Telemetry:OtlpEndpoint", "localhost:4317", "Telemetry:OtlpEndpoint must be an absolute http or https URL (got 'localhost:4317').")]
    [InlineData("Telemetry:OtlpEndpoint", "ftp://collector/", "Telemetry:OtlpEndpoint must be an absolute http or https URL (got 'ftp://collector/').")]
    public async Task AddPipelineTelemetry_BadValue_FailsTheStartNamingTheKey(string key, string value, string expected)
    {
        using IHost host = Build([new(key, value)], []);

        var ex = await host.StartFails();

        Assert.Equal(expected, ex.Message);
    }

    /// <summary>
    /// Otlp with an endpoint: once the host has stopped, the drained run's metrics reach it as an OTLP request (the
    /// sample flushes then; the periodic export is a minute away). The protocol is OpenTelemetry's own setting, here
    /// http/protobuf (as OTEL_EXPORTER_OTLP_PROTOCOL), so a plain HTTP listener on loopback can receive it.
    /// </summary>
    [Fact]
    public async Task AddPipelineTelemetry_OtlpEndpoint_ReceivesThePipelineMetrics()
    {
        string collector = $"http://127.0.0.1:{FreePort()}/";
        using var listener = new HttpListener();
        listener.Prefixes.Add(collector);
        listener.Start();
        Task<string> received = ReceiveMetricsRequest(listener);

        using IHost host = Build(
        [
            new("Telemetry:Exporter", "Otlp"),
            new("Telemetry:OtlpEndpoint", collector + "v1/metrics"), // set in code, OTLP/HTTP takes the URL as is
            new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            new("LowLatency:Input", "Generator"),
            new("LowLatency:Generator:Events", "1000"),
        ], []);
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        Assert.True(await TestHosts.Eventually(() => service.Pipeline.Stages[^1].ProcessedCount == 1_000));
        await host.StopBounded();

        string request = await received.WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);
        Assert.StartsWith("POST /v1/metrics application/x-protobuf", request, StringComparison.Ordinal);
        Assert.Contains(MarketPipelineMetrics.EventsPublished, request, StringComparison.Ordinal); // protobuf keeps strings as UTF-8
    }

    /// <summary>A host built like the sample: the pipeline, then the telemetry switch; <paramref name="added"/> gets the
    /// services the switch registered.</summary>
    private static IHost Build(KeyValuePair<string, string?>[] settings, List<ServiceDescriptor> added) =>
        TestHosts.Build(settings: settings, also: builder =>
        {
            int before = builder.Services.Count;
            builder.Services.AddPipelineTelemetry(builder.Configuration.GetSection(TelemetryOptions.SectionName));
            added.AddRange(builder.Services.Skip(before));
        });

    /// <summary>Answers every request with 200 until one carries the metrics; that one as "METHOD path content-type body".</summary>
    private static async Task<string> ReceiveMetricsRequest(HttpListener listener)
    {
        while (true)
        {
            HttpListenerContext context = await listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 200;
            context.Response.Close();
            string request = $"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.ContentType} " +
                Encoding.UTF8.GetString(body.ToArray());
            if (request.Contains(MarketPipelineMetrics.MeterName, StringComparison.Ordinal))
            {
                return request;
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
