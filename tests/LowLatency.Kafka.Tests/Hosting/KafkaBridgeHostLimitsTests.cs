using LowLatency.Kafka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static LowLatency.Kafka.Tests.BridgeTestKit;

namespace LowLatency.Kafka.Tests.Hosting;

/// <summary>The hosted bridge's timestamp unit and symbol capacity: configured by key, validated by key, and a full
/// table reported by key.</summary>
public sealed class KafkaBridgeHostLimitsTests : IDisposable
{
    private readonly MockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Theory]
    [InlineData("LowLatency:Kafka:TimestampUnit", "Minutes",
        "LowLatency:Kafka:TimestampUnit must be one of Nanoseconds, Microseconds, Milliseconds, Seconds (got 'Minutes').")]
    [InlineData("LowLatency:SymbolCapacity", "2000000", "LowLatency:SymbolCapacity must be between 1 and 1048576 (got 2000000).")]
    [InlineData("LowLatency:SymbolCapacity", "0", "LowLatency:SymbolCapacity must be between 1 and 1048576 (got 0).")]
    public async Task Start_BadLimit_FailsNamingTheKey(string key, string value, string expected)
    {
        using IHost host = KafkaHosts.Build("localhost:9092",
            [new("LowLatency:Kafka:Topic", "ticks"), new("LowLatency:Kafka:GroupId", "g"), new(key, value)]);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken))
            .WaitAsync(KafkaHosts.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public async Task Host_FullSymbolTableAndBadTimestamps_StopsNamingSymbolCapacityAndReportsBadMessagesByReason()
    {
        string ticks = MockCluster.NewTopic("ticks");
        // One key, so one partition and this order: two good ticks, a missing timestamp, then a third symbol.
        Produce(_cluster, ticks,
            ("A", """{"price":100,"size":1,"timestamp":1704205800}"""),
            ("A", """{"symbol":"A","price":100,"size":1,"timestamp":1704205801}"""),
            ("A", """{"price":100,"size":1}"""),
            ("A", """{"symbol":"B","price":100,"size":1,"timestamp":1704205802}"""),
            ("A", """{"symbol":"C","price":100,"size":1,"timestamp":1704205803}"""),
            ("A", """{"symbol":"A","price":100,"size":1,"timestamp":1704205804}"""));
        using IHost host = KafkaHosts.Build(_cluster.BootstrapServers,
        [
            new("LowLatency:SymbolCapacity", "2"),
            new("LowLatency:Kafka:Topic", ticks),
            new("LowLatency:Kafka:GroupId", "host-limits"),
            new("LowLatency:Kafka:TimestampUnit", "Seconds"),
        ]);
        KafkaTickBridgeService service = host.Services.GetRequiredService<KafkaTickBridgeService>();

        await host.StartBounded();
        Assert.True(await KafkaHosts.Eventually(() => service.Bridge is { IsRunning: false }), "the bridge kept running");
        await host.StopBounded();

        KafkaTickBridgeReport report = service.Report!;
        string expectedError = $"symbol table full: {ticks} [";
        Assert.StartsWith(expectedError, report.Error, StringComparison.Ordinal);
        Assert.EndsWith("@4 (key 'A') brings a new symbol beyond the capacity of 2; consuming stopped before it, and neither it nor anything after it is committed. Raise LowLatency:SymbolCapacity (e.g. to 4) and restart: consuming resumes at this tick.",
            report.Error, StringComparison.Ordinal);
        Assert.Equal((5L, 3L, 1L), (report.Consumed, report.Processed, report.BadMessages));
        Assert.Equal(new Dictionary<string, long> { ["missing timestamp"] = 1 }, report.BadMessagesByReason);
        Assert.Contains("Kafka bridge bad messages by reason: missing timestamp 1", host.Messages());
        Assert.Contains("Kafka bridge: kafka bridge stopped on error: " + report.Error, host.Messages());
        Assert.Equal(4, CommittedOffsets(_cluster, ticks, "host-limits").Values.Sum()); // up to, not past, the refused tick
    }
}
