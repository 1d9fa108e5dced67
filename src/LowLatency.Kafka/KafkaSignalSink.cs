using System.Globalization;
using System.Text;
using Confluent.Kafka;
using LowLatency.Market;

namespace LowLatency.Kafka;

/// <summary>
/// Publishes strategy signals to a topic off the hot path: <see cref="OnSignal"/> copies the signal (and the tick's
/// source partition/offset) into a preallocated single-producer/single-consumer queue; a background thread encodes and
/// produces. When the queue is full the signal is counted in <see cref="Dropped"/>, never waited for. With a
/// <c>next</c> sink every signal is handed on to it as well (a tee), on the strategy thread, after it is queued here.
/// </summary>
public sealed class KafkaSignalSink : ISignalSink, IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private readonly SymbolTable _symbols;
    private readonly KafkaTickBridge? _origin;
    private readonly ISignalSink? _next;
    private readonly SignalQueueEntry[] _entries;
    private readonly int _mask;
    private readonly Thread _thread;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivered;
    private long _head; // next slot the strategy thread writes
    private long _tail; // next slot the background thread reads
    private long _dropped;
    private long _delivered;
    private long _failed;
    private volatile bool _stopping;

    /// <summary>With <c>next</c> (e.g. the host's SignalHub) every signal reaches that sink too, so its subscribers keep working.</summary>
    public KafkaSignalSink(KafkaSettings settings, string topic, SymbolTable symbols, KafkaTickBridge? origin = null, int capacity = 1 << 14,
        ISignalSink? next = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentException("capacity must be a power of two.", nameof(capacity));
        }

        _symbols = symbols ?? throw new ArgumentNullException(nameof(symbols));
        _topic = topic;
        _origin = origin;
        _next = next;
        _entries = new SignalQueueEntry[capacity];
        _mask = capacity - 1;
        _producer = new ProducerBuilder<byte[], byte[]>(settings.Apply(new ProducerConfig { Acks = Acks.All, LingerMs = 5 }))
            .SetLogHandler((_, message) => KafkaClientLog.Write(message, log: null)) // like the other clients: warnings only
            .Build();
        _onDelivered = OnDelivered;
        _thread = new Thread(Run) { IsBackground = true, Name = "kafka-signals" };
        _thread.Start();
    }

    /// <summary>Signals not queued because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Signals acknowledged by the cluster.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Strategy thread: one struct copy, no allocation, no wait; then the next sink, if any.</summary>
    public void OnSignal(in Signal signal)
    {
        Enqueue(in signal);
        _next?.OnSignal(in signal); // last: a next sink that throws (a full hub in Fail mode) cannot cost the Kafka copy
    }

    /// <summary>Waits (bounded) until every queued signal is produced and acknowledged.</summary>
    public bool Flush(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Volatile.Read(ref _tail) != Volatile.Read(ref _head) && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(1);
        }

        long left = Math.Max(0, deadline - Environment.TickCount64);
        return _producer.Flush(TimeSpan.FromMilliseconds(left)) == 0 && Volatile.Read(ref _tail) == Volatile.Read(ref _head);
    }

    public void Dispose()
    {
        Flush(TimeSpan.FromSeconds(5));
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    private void Enqueue(in Signal signal)
    {
        long head = _head;
        if (head - Volatile.Read(ref _tail) >= _entries.Length) // acquire: the consumer is done with that slot
        {
            Interlocked.Increment(ref _dropped); // read from other threads
            return;
        }

        ref SignalQueueEntry entry = ref _entries[head & _mask];
        entry.Signal = signal;
        entry.EmittedNs = MonotonicClock.NowNs();
        if (_origin is null || !_origin.TryGetOrigin(signal.Sequence, out entry.Partition, out entry.Offset))
        {
            entry.Partition = -1;
            entry.Offset = -1;
        }

        Volatile.Write(ref _head, head + 1); // release: the entry is written before the consumer sees it
    }

    private void Run()
    {
        while (!_stopping)
        {
            long tail = _tail;
            if (tail == Volatile.Read(ref _head)) // acquire: pairs with the release in OnSignal
            {
                _producer.Poll(TimeSpan.FromMilliseconds(1)); // serves delivery reports while idle, bounded
                continue;
            }

            SignalQueueEntry entry = _entries[tail & _mask];
            Volatile.Write(ref _tail, tail + 1); // release: the slot may be reused once copied out
            Produce(entry);
        }
    }

    private void Produce(in SignalQueueEntry entry)
    {
        Signal s = entry.Signal;
        string symbol = _symbols.GetName(s.Symbol);
        string json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"symbol\":\"{symbol}\",\"side\":\"{s.Side}\",\"quantity\":{s.Quantity},\"price\":{s.Price},\"timestamp\":{s.TimestampNs},\"sequence\":{s.Sequence},\"reason\":\"{s.Reason}\",\"sourcePartition\":{entry.Partition},\"sourceOffset\":{entry.Offset},\"emittedNs\":{entry.EmittedNs}}}");
        var message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(symbol), Value = Encoding.UTF8.GetBytes(json) };
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, _onDelivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private void OnDelivered(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed); // read from other threads
        }
        else
        {
            Interlocked.Increment(ref _delivered); // read from other threads
        }
    }
}
