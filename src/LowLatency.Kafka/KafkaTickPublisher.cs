using Confluent.Kafka;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Ticks;

namespace LowLatency.Kafka;

/// <summary>
/// Publishes ticks to a topic, keyed by symbol so the default partitioner keeps each symbol on one partition (per-symbol
/// order holds). Delivery is acknowledged by all in-sync replicas, with idempotence on, so retries do not reorder.
/// </summary>
public sealed class KafkaTickPublisher : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly SymbolTable _symbols;
    private readonly string _topic;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivered;
    private byte[][] _keys = new byte[16][];
    private long _published;
    private long _delivered;
    private long _failed;

    /// <summary>Connects a producer for <paramref name="topic"/>. <paramref name="log"/> receives the client's own
    /// warnings and errors (an unreachable broker, say), masked; without it they are dropped.</summary>
    public KafkaTickPublisher(KafkaSettings settings, string topic, SymbolTable symbols, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        _symbols = symbols ?? throw new ArgumentNullException(nameof(symbols));
        _topic = topic;
        var config = settings.Apply(new ProducerConfig
        {
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        });
        var clientLog = new KafkaClientLog(log, settings);
        _producer = new ProducerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, message) => clientLog.OnLog(message))
            .Build();
        _onDelivered = OnDelivered; // one delegate for every message, not one per Produce
    }

    public long Published => Volatile.Read(ref _published); // the publishing thread writes it; status readers may be elsewhere

    public long Delivered => Interlocked.Read(ref _delivered); // delivery reports arrive on librdkafka's thread

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Queues one tick; the value array is the one allocation per message Confluent.Kafka requires.</summary>
    public void Publish(in MarketEvent e)
    {
        var value = new byte[TickCodec.EncodedSize];
        TickCodec.TryEncode(e, value);
        var message = new Message<byte[], byte[]> { Key = KeyOf(e.Symbol), Value = value };
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, _onDelivered);
                Volatile.Write(ref _published, _published + 1); // release: Published may be read on another thread
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The client's queue is full: wait while it delivers some, bounded by the poll timeout.
                _producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Publishes every tick of <paramref name="source"/>, up to <paramref name="maxCount"/>; returns the count.</summary>
    public long PublishAll(ITickSource source, long maxCount = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(source);
        var e = default(MarketEvent);
        long count = 0;
        while (count < maxCount && source.TryRead(ref e))
        {
            Publish(e);
            count++;
        }

        return count;
    }

    /// <summary>Publishes <paramref name="count"/> synthetic events.</summary>
    public void PublishGenerated(MarketEventGenerator generator, long count)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var e = default(MarketEvent);
        for (long i = 0; i < count; i++)
        {
            generator.Next(ref e);
            Publish(e);
        }
    }

    /// <summary>Waits (bounded) until every queued message is delivered or failed; true when nothing is left.</summary>
    public bool Flush(TimeSpan timeout) => _producer.Flush(timeout) == 0;

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    private byte[] KeyOf(SymbolId symbol)
    {
        int id = symbol.Value;
        if (id >= _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(id + 1, _keys.Length * 2));
        }

        return _keys[id] ??= System.Text.Encoding.UTF8.GetBytes(_symbols.GetName(symbol));
    }

    private void OnDelivered(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed); // read by Failed on the publishing thread
        }
        else
        {
            Interlocked.Increment(ref _delivered); // read by Delivered on the publishing thread
        }
    }
}
