using LowLatency.Hosting;
using LowLatency.Kafka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LowLatency.Kafka.Tests.Hosting;

/// <summary>Binding and validation only: these hosts fail before any client is created, so no cluster is needed.</summary>
public sealed class KafkaBridgeHostOptionsTests
{
    private const string Secret = "s3cret-value";

    private static readonly KeyValuePair<string, string?>[] s_valid =
    [
        new("LowLatency:Kafka:Topic", "ticks"),
        new("LowLatency:Kafka:GroupId", "strategy-1"),
        new("LowLatency:Kafka:Properties:sasl.password", Secret),
    ];

    [Fact]
    public void Bind_EveryKey_ReachesTheOptions()
    {
        using IHost host = KafkaHosts.Build("kafka1:9092,kafka2:9092",
        [
            .. s_valid,
            new("LowLatency:Kafka:SignalsTopic", "signals"),
            new("LowLatency:Kafka:DeadLetterTopic", "ticks-dlq"),
            new("LowLatency:Kafka:CommitInterval", "00:00:02"),
            new("LowLatency:Kafka:DrainTimeout", "00:00:07"),
            new("LowLatency:Kafka:Properties:security.protocol", "SASL_SSL"),
        ]);

        KafkaBridgeHostOptions options = host.Services.GetRequiredService<IOptions<KafkaBridgeHostOptions>>().Value;
        Assert.Equal(("kafka1:9092,kafka2:9092", "ticks", "strategy-1"), (options.BootstrapServers, options.Topic, options.GroupId));
        Assert.Equal(("signals", "ticks-dlq"), (options.SignalsTopic, options.DeadLetterTopic));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7)), (options.CommitInterval, options.DrainTimeout));
        Assert.Equal(("SASL_SSL", Secret), (options.Properties["security.protocol"], options.Properties["sasl.password"]));
    }

    [Theory]
    [InlineData("Kafka:Topic", null, "LowLatency:Kafka:Topic is required")]
    [InlineData("Kafka:GroupId", "", "LowLatency:Kafka:GroupId is required")]
    [InlineData("Kafka:BootstrapServers", " ", "LowLatency:Kafka:BootstrapServers is required")]
    [InlineData("Kafka:SignalsTopic", "sig nals", "LowLatency:Kafka:SignalsTopic must be a Kafka topic name")]
    [InlineData("Kafka:DeadLetterTopic", "ticks", "LowLatency:Kafka:DeadLetterTopic must differ from Topic")]
    [InlineData("Kafka:CommitInterval", "00:00:00", "LowLatency:Kafka:CommitInterval must be positive")]
    [InlineData("Kafka:DrainTimeout", "-00:00:01", "LowLatency:Kafka:DrainTimeout must be positive")]
    [InlineData("Kafka:Properties:enable.auto.commit", "true", "LowLatency:Kafka:Properties:enable.auto.commit must not be set here")]
    [InlineData("Kafka:Properties:group.id", "other", "LowLatency:Kafka:Properties:group.id must not be set here: use GroupId.")]
    [InlineData("Input", "Generator", "LowLatency:Input must be None when the Kafka bridge (LowLatency:Kafka) feeds the pipeline")]
    [InlineData("ProducerType", "Multi", "LowLatency:ProducerType must be Single when the Kafka bridge (LowLatency:Kafka) feeds the pipeline")]
    public async Task Start_InvalidSetting_FailsWithMessageNamingIt(string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>(s_valid) { ["LowLatency:" + key] = value };
        using IHost host = KafkaHosts.Build("localhost:9092", settings);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken))
            .WaitAsync(KafkaHosts.Timeout, TestContext.Current.CancellationToken);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutAddMarketPipeline_FailsNamingTheSection()
    {
        using IHost host = KafkaHosts.Build("localhost:9092", s_valid, addPipeline: false);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken))
            .WaitAsync(KafkaHosts.Timeout, TestContext.Current.CancellationToken);
        Assert.StartsWith("LowLatency:Kafka configures the Kafka bridge of the market pipeline: call services.AddMarketPipeline", ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_InCode_WorksWithoutASection()
    {
        var services = new ServiceCollection();
        services.AddMarketPipeline(o => o.RingSize = 1024);
        services.AddKafkaTickBridge(o =>
        {
            o.BootstrapServers = "localhost:9092";
            o.Topic = "ticks";
            o.GroupId = "g";
            o.DeadLetterTopic = "ticks";
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KafkaBridgeHostOptions>>().Value);
        Assert.StartsWith("LowLatency:Kafka:DeadLetterTopic must differ from Topic", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(provider.GetRequiredService<MarketPipelineService>());
    }
}
