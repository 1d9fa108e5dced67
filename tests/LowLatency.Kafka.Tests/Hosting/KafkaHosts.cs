using Confluent.Kafka;
using LowLatency.Hosting;
using LowLatency.Kafka.Hosting;
using LowLatency.Market;
using LowLatency.Market.Generation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowLatency.Kafka.Tests.Hosting;

/// <summary>Hosts built like an application's (Host.CreateApplicationBuilder, in-memory configuration), without
/// defaults, with fake logging; plus the topic helpers the host tests share.</summary>
internal static class KafkaHosts
{
    /// <summary>Upper bound for every start, stop, publish and poll in these tests.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static IHost Build(string bootstrapServers, IEnumerable<KeyValuePair<string, string?>> settings, bool addPipeline = true)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
        [
            new("LowLatency:RingSize", "1024"),
            new("LowLatency:Kafka:BootstrapServers", bootstrapServers),
            new("LowLatency:Kafka:CommitInterval", "00:00:00.100"),
            // Short session and heartbeat: the mock coordinator rebalances only as fast as members heartbeat.
            new("LowLatency:Kafka:Properties:session.timeout.ms", "6000"),
            new("LowLatency:Kafka:Properties:heartbeat.interval.ms", "200"),
        ]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging();
        if (addPipeline)
        {
            builder.Services.AddMarketPipeline(builder.Configuration.GetSection(MarketHostOptions.SectionName));
        }

        builder.Services.AddKafkaTickBridge(builder.Configuration.GetSection(KafkaBridgeHostOptions.SectionName));
        return builder.Build();
    }

    public static async Task StartBounded(this IHost host) =>
        await host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public static async Task StopBounded(this IHost host) =>
        await host.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public static IEnumerable<string> Messages(this IHost host) => host.Services.GetFakeLogCollector().GetSnapshot().Select(r => r.Message);

    /// <summary>Polls <paramref name="condition"/> every 20 ms; false if it is still false after <see cref="Timeout"/>.</summary>
    public static async Task<bool> Eventually(Func<bool> condition)
    {
        long deadline = Environment.TickCount64 + (long)Timeout.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return true;
    }

    /// <summary>Publishes <paramref name="count"/> generated ticks and waits until the cluster acknowledged them all.</summary>
    public static void PublishTicks(MockCluster cluster, string topic, int count, ulong seed)
    {
        var symbols = new SymbolTable();
        var generator = new MarketEventGenerator(symbols, new MarketEventGeneratorOptions { Seed = seed });
        using var publisher = new KafkaTickPublisher(cluster.Settings(), topic, symbols);
        publisher.PublishGenerated(generator, count);
        Assert.True(publisher.Flush(Timeout));
        Assert.Equal(count, publisher.Delivered);
    }

    /// <summary>
    /// Every message on <paramref name="topic"/> from <paramref name="start"/> to the end of each partition: from the
    /// beginning, or (<see cref="Offset.Stored"/>) what a new consumer of <paramref name="group"/> would still get,
    /// i.e. from its committed offsets. Assign, not Subscribe: no group join, so no wait for the mock's rebalance delay.
    /// </summary>
    public static List<ConsumeResult<byte[], byte[]>> ReadToEnd(MockCluster cluster, string topic, string group, Offset start)
    {
        int partitions = cluster.PartitionCount(topic);
        using IConsumer<byte[], byte[]> consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest, // no committed offset: everything counts as left
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            FetchWaitMaxMs = 10, // an empty partition answers (end reached) after this, not after the default 500 ms
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, start)));
        var atEnd = new HashSet<int>();
        var messages = new List<ConsumeResult<byte[], byte[]>>();
        long deadline = Environment.TickCount64 + (long)Timeout.TotalMilliseconds;
        while (atEnd.Count < partitions && Environment.TickCount64 < deadline)
        {
            ConsumeResult<byte[], byte[]>? result = consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result is { IsPartitionEOF: true })
            {
                atEnd.Add(result.Partition.Value);
            }
            else if (result is not null)
            {
                messages.Add(result);
            }
        }

        Assert.Equal(partitions, atEnd.Count); // every partition was read to its end
        return messages;
    }
}
