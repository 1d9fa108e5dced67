using LowLatency.Benchmarks.Macro;
using LowLatency.Kafka;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Benchmarks.Kafka;

/// <summary>
/// The ticks the Kafka benchmarks move: seeded RandomWalk quotes and trades over the generator's default symbols, and
/// topics on the mock cluster filled with them.
/// </summary>
internal static class TickTopic
{
    /// <summary>A fresh topic name; the mock cluster auto-creates the topic, with its default partition count, on the first produce.</summary>
    public static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A generator of seeded RandomWalk ticks (80 % quotes); interns its symbols into <paramref name="symbols"/>.</summary>
    public static MarketEventGenerator NewGenerator(SymbolTable symbols) =>
        new(symbols, new MarketEventGeneratorOptions { Model = GeneratorModel.RandomWalk });

    /// <summary>
    /// Publishes <paramref name="count"/> generated ticks and flushes: returns once every one is acknowledged by the
    /// cluster; throws if one failed or the flush took longer than <see cref="BoundedSpin.Timeout"/>.
    /// </summary>
    public static void Publish(KafkaTickPublisher publisher, MarketEventGenerator generator, int count)
    {
        long delivered = publisher.Delivered;
        publisher.PublishGenerated(generator, count);
        if (!publisher.Flush(BoundedSpin.Timeout))
        {
            BoundedSpin.ThrowTimeout("the producer's flush");
        }

        if (publisher.Delivered - delivered != count || publisher.Failed != 0)
        {
            throw new InvalidOperationException(
                $"{publisher.Delivered - delivered} of {count} ticks delivered, {publisher.Failed} failed.");
        }
    }
}
