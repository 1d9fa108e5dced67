using System.Collections.Concurrent;
using LowLatency.Market;

namespace LowLatency.Kafka.Tests;

[Collection(StandardErrorCollection.Name)]
public sealed class KafkaTickPublisherTests
{
    /// <summary>Nothing listens on port 9: librdkafka reports the refused connection at once, on its own threads.</summary>
    private static readonly KafkaSettings s_unreachable = new() { BootstrapServers = "127.0.0.1:9" };

    [Fact]
    public void Constructor_UnreachableBroker_ClientErrorsReachTheCallersLogOnly()
    {
        using var stderr = new StandardErrorCapture();
        var lines = new ConcurrentQueue<string>();

        using (new KafkaTickPublisher(s_unreachable, "ticks", new SymbolTable()))
        using (new KafkaTickPublisher(s_unreachable, "ticks", new SymbolTable(), lines.Enqueue))
        {
            // Both clients fail to connect the same way; the one without a log stays silent.
            Assert.True(SpinWait.SpinUntil(() => !lines.IsEmpty, TimeSpan.FromSeconds(10)), "no client line");
            Thread.Sleep(200);
        }

        Assert.All(lines, line => Assert.StartsWith("kafka: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("127.0.0.1:9", StringComparison.Ordinal));
        Assert.Equal("", stderr.Text);
    }
}
