using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace LowLatency.Kafka.Internal;

/// <summary>
/// Copies bad messages to the dead-letter topic with their source and reason, and says whether the cluster confirmed
/// each copy. Bad messages are rare: waiting for the copy keeps its offset uncommitted until it is safe.
/// </summary>
internal sealed class DeadLetterProducer : IDisposable
{
    private const int QueueFullAttempts = 50;

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivered;
    private long _failures;

    public DeadLetterProducer(KafkaSettings settings, string topic, KafkaClientLog clientLog)
    {
        _topic = topic;
        _onDelivered = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref _failures); // read on the bridge thread after its flush
            }
        };
        _producer = new ProducerBuilder<byte[], byte[]>(settings.Apply(new ProducerConfig { Acks = Acks.All }))
            .SetLogHandler((_, message) => clientLog.OnLog(message))
            .Build();
    }

    public string Topic => _topic;

    /// <summary>True once the cluster confirmed the copy of <paramref name="result"/>, within <paramref name="timeout"/>.</summary>
    public bool TryCopy(ConsumeResult<byte[], byte[]> result, string reason, TimeSpan timeout)
    {
        var headers = new Headers
        {
            { "source-topic", Encoding.UTF8.GetBytes(result.Topic) },
            { "source-partition", Encoding.UTF8.GetBytes(result.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { "source-offset", Encoding.UTF8.GetBytes(result.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
            { "reason", Encoding.UTF8.GetBytes(reason) },
        };
        var message = new Message<byte[], byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers };
        long failuresBefore = Interlocked.Read(ref _failures);
        bool queued = false;
        for (int attempt = 0; !queued && attempt < QueueFullAttempts; attempt++)
        {
            try
            {
                _producer.Produce(_topic, message, _onDelivered);
                queued = true;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Flush(TimeSpan.FromMilliseconds(100)); // the client's queue is full: wait while it delivers
            }
            catch (KafkaException)
            {
                return false; // refused outright (e.g. an invalid topic name): not copied
            }
        }

        return queued && _producer.Flush(timeout) == 0 && Interlocked.Read(ref _failures) == failuresBefore;
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
