using LowLatency.Cli;
using LowLatency.Hosting;
using LowLatency.Kafka;
using LowLatency.Market.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowLatency.StrategySample.Tests;

/// <summary>
/// Research-to-live parity: the sample's <see cref="MomentumStrategy"/>, unchanged, on the same ticks through the three
/// front ends (console replay, Generic Host with a ticks input, Kafka bridge on librdkafka's mock cluster) writes the
/// same signals and fills, byte for byte.
/// </summary>
public sealed class ParityTests : IDisposable
{
    // A single-symbol capture with trades and quotes: ticks are keyed by symbol, so all land on one partition in the
    // file's order and even the ring sequences match. 37,797 ticks fit the mock cluster's per-partition retention.
    private const string Capture = "hftbacktest/spot/btcusdt_20240808.gz";
    private const int CaptureTicks = 37_797;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    private readonly string _directory = Directory.CreateTempSubdirectory("parity-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SampleStrategy_ReplayHostAndKafkaBridge_WriteIdenticalSignalsAndFills()
    {
        string ticks = SharedData.RequireTickFile(Capture);

        (string signals, string fills) replay = Outputs("replay");
        (int code, string output, string error) = RunCli("replay", ticks, "--signals-out", replay.signals, "--fills-out", replay.fills);
        Assert.True(code == 0, output + error);
        Assert.Contains("strategy     momentum", output, StringComparison.Ordinal);

        (string signals, string fills) host = Outputs("host");
        await RunHostAsync(ticks, host.signals, host.fills);

        (string signals, string fills) bridge = Outputs("bridge");
        using (var cluster = new MockKafkaCluster())
        {
            string topic = "ticks-" + Guid.NewGuid().ToString("N")[..8];
            (code, output, error) = RunCli("bridge", "publish", "--brokers", cluster.BootstrapServers, "--topic", topic, ticks);
            Assert.True(code == 0, output + error);
            (code, output, error) = RunCli("bridge", "consume", "--brokers", cluster.BootstrapServers, "--topic", topic, "--group", "parity",
                "--max-events", CaptureTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seconds", "90",
                "--signals-out", bridge.signals, "--fills-out", bridge.fills);
            Assert.True(code == 0, output + error);
            Assert.Contains("stopped by --max-events", output, StringComparison.Ordinal);
        }

        string[] expectedSignals = File.ReadAllLines(replay.signals);
        string[] expectedFills = File.ReadAllLines(replay.fills);
        Assert.True(expectedSignals.Length > 5, "the sample should trade on this capture: " + string.Join('\n', expectedSignals));
        Assert.True(expectedFills.Length > 5, "its orders should fill: " + string.Join('\n', expectedFills));
        Assert.Equal(File.ReadAllBytes(replay.signals), File.ReadAllBytes(host.signals));
        Assert.Equal(File.ReadAllBytes(replay.fills), File.ReadAllBytes(host.fills));
        Assert.Equal(File.ReadAllBytes(replay.signals), File.ReadAllBytes(bridge.signals));
        Assert.Equal(File.ReadAllBytes(replay.fills), File.ReadAllBytes(bridge.fills));
    }

    private static (int Code, string Output, string Error) RunCli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = new CliApp().AddStrategy<MomentumStrategy>(isDefault: true).Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The sample's host setup (<c>AddMarketPipeline&lt;MomentumStrategy&gt;</c>), fed the file by its ticks input
    /// until the input ends.</summary>
    private static async Task RunHostAsync(string ticks, string signals, string fills)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LowLatency:Input"] = "Ticks",
            ["LowLatency:Ticks:Paths:0"] = ticks,
            ["LowLatency:StopWhenInputEnds"] = "true",
            ["LowLatency:SignalsOut"] = signals,
            ["LowLatency:FillsOut"] = fills,
            ["LowLatency:WarmupEvents"] = "20000",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddMarketPipeline<MomentumStrategy>(builder.Configuration.GetSection(MarketHostOptions.SectionName));
        using IHost host = builder.Build();
        var service = host.Services.GetRequiredService<MarketPipelineService>();
        using var timeout = new CancellationTokenSource(s_timeout);
        await host.RunAsync(timeout.Token);
        Assert.False(timeout.IsCancellationRequested, "the host did not stop when its input ended");
        Assert.True(service.Report?.Drained == true, "the host did not drain");
        Assert.Equal(CaptureTicks, service.InputPublished);
    }

    private (string Signals, string Fills) Outputs(string frontEnd) =>
        (Path.Combine(_directory, frontEnd + "-signals.csv"), Path.Combine(_directory, frontEnd + "-fills.csv"));
}
