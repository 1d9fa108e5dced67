using System.Globalization;
using System.Text;
using Confluent.Kafka;
using LowLatency.Market;

namespace LowLatency.Kafka;

/// <summary>
/// Publishes strategy signals to a topic off the hot path: <see cref="OnSignal"/> copies the signal (and the tick's
/// source partition/offset) into a preallocated queue; a background thread encodes and produces. A slot is reused only
/// once its signal is acknowledged, so the queue also bounds what is in flight to the cluster. When it is full the
/// strategy thread waits (back-pressure, the default: no signal is lost) or, with <c>dropWhenFull</c>, counts the
/// signal in <see cref="Dropped"/> and goes on. With a <c>next</c> sink every signal is handed on to it as well (a
/// tee), on the strategy thread, after it is queued here.
/// </summary>
/// <remarks>Built with the bridge as <c>origin</c>, the sink also gates the bridge's offset commits: a tick's offset
/// is committed only once the signals of every tick up to it are acknowledged, so a crash loses no signal either
/// (at least once from the tick topic to the signals topic).</remarks>
public sealed class KafkaSignalSink : ISignalSink, IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private readonly SymbolTable _symbols;
    private readonly KafkaTickBridge? _origin;
    private readonly ISignalSink? _next;
    private readonly bool _dropWhenFull;
    private readonly SignalQueueEntry[] _entries;
    private readonly Action<DeliveryReport<byte[], byte[]>>[] _onDelivered; // one per slot, made once: no closure per message
    private readonly int _mask;
    private readonly Thread _thread;
    private readonly Lock _acknowledging = new(); // librdkafka may report deliveries from its poll thread and from Flush
    private long _head; // next slot the strategy thread writes
    private long _sent; // next slot the background thread produces
    private long _acknowledged; // every slot below this is acknowledged (delivered or failed) and free
    private long _dropped;
    private long _delivered;
    private long _failed;
    private long _waits;
    private volatile bool _stopping;
    private volatile bool _aborting;

    /// <summary>With <c>next</c> (e.g. the host's SignalHub) every signal reaches that sink too, so its subscribers keep working.</summary>
    public KafkaSignalSink(KafkaSettings settings, string topic, SymbolTable symbols, KafkaTickBridge? origin = null, int capacity = 1 << 14,
        ISignalSink? next = null, bool dropWhenFull = false)
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
        _dropWhenFull = dropWhenFull;
        _entries = new SignalQueueEntry[capacity];
        _mask = capacity - 1;
        _onDelivered = new Action<DeliveryReport<byte[], byte[]>>[capacity];
        for (int i = 0; i < capacity; i++)
        {
            int slot = i;
            _onDelivered[i] = report => OnDelivered(slot, report.Error.IsError);
        }

        var clientLog = new KafkaClientLog(log: null, settings);
        _producer = new ProducerBuilder<byte[], byte[]>(settings.Apply(new ProducerConfig { Acks = Acks.All, LingerMs = 5 }))
            .SetLogHandler((_, message) => clientLog.OnLog(message))
            .Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "kafka-signals" };
        _thread.Start();
        origin?.GateCommitsOn(this);
    }

    /// <summary>Signals not queued because the queue was full (only with <c>dropWhenFull</c>, or while stopping).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Signals acknowledged by the cluster.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Signals the cluster did not take after the client's retries (counted, not retried further).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Times the strategy thread found the queue full and waited for acknowledgements.</summary>
    public long BackPressureWaits => Interlocked.Read(ref _waits);

    /// <summary>Strategy thread: one struct copy, no allocation; then the next sink, if any.</summary>
    public void OnSignal(in Signal signal)
    {
        Enqueue(in signal);
        _next?.OnSignal(in signal); // last: a next sink that throws (a full hub in Fail mode) cannot cost the Kafka copy
    }

    /// <summary>Waits (bounded) until every queued signal is produced and acknowledged.</summary>
    public bool Flush(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Volatile.Read(ref _acknowledged) != Volatile.Read(ref _head) && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(1);
        }

        return Volatile.Read(ref _acknowledged) == Volatile.Read(ref _head);
    }

    public void Dispose()
    {
        if (!_aborting)
        {
            Flush(TimeSpan.FromSeconds(5));
        }

        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    /// <summary>Stops without producing what is still queued, as a crash would (for tests of the at-least-once path).</summary>
    internal void Abort()
    {
        _aborting = true;
        Dispose();
    }

    /// <summary>
    /// The highest ring sequence, at most <paramref name="strategyDone"/>, whose signals and every earlier tick's are
    /// acknowledged. Read <paramref name="strategyDone"/> before calling: every signal of a tick up to it is queued by
    /// then (the strategy queues a signal before it publishes its progress).
    /// </summary>
    internal long CommittableThrough(long strategyDone)
    {
        while (true)
        {
            long acknowledged = Volatile.Read(ref _acknowledged);
            if (acknowledged == Volatile.Read(ref _head))
            {
                return strategyDone; // nothing in flight
            }

            long pendingTick = _entries[acknowledged & _mask].Signal.Sequence;
            if (Volatile.Read(ref _acknowledged) == acknowledged)
            {
                // Unchanged, so the slot was not freed (and overwritten) while it was read: its tick is the oldest pending.
                return Math.Min(strategyDone, pendingTick - 1);
            }
        }
    }

    private void Enqueue(in Signal signal)
    {
        long head = _head;
        if (head - Volatile.Read(ref _acknowledged) >= _entries.Length && !WaitForRoom(head)) // acquire: that slot is free
        {
            Interlocked.Increment(ref _dropped); // read from other threads
            return;
        }

        ref SignalQueueEntry entry = ref _entries[head & _mask];
        entry.Signal = signal;
        entry.EmittedNs = MonotonicClock.NowNs();
        entry.Acknowledged = false;
        if (_origin is null || !_origin.TryGetOrigin(signal.Sequence, out entry.Partition, out entry.Offset))
        {
            entry.Partition = -1;
            entry.Offset = -1;
        }

        Volatile.Write(ref _head, head + 1); // release: the entry is written before the producer thread sees it
    }

    /// <summary>The queue is full: wait for acknowledgements (back-pressure on the strategy) unless dropping or stopping.</summary>
    private bool WaitForRoom(long head)
    {
        if (_dropWhenFull)
        {
            return false;
        }

        Interlocked.Increment(ref _waits); // read from other threads
        var spin = default(SpinWait);
        while (head - Volatile.Read(ref _acknowledged) >= _entries.Length)
        {
            if (_stopping)
            {
                return false;
            }

            spin.SpinOnce();
        }

        return true;
    }

    private void Run()
    {
        var idle = default(SpinWait);
        while (!_stopping)
        {
            long sent = _sent;
            if (sent == Volatile.Read(ref _head) || _aborting) // acquire: pairs with the release in Enqueue
            {
                idle.SpinOnce(); // yields, then sleeps 1 ms at a time while idle
                continue;
            }

            idle.Reset();
            SignalQueueEntry entry = _entries[sent & _mask];
            Volatile.Write(ref _sent, sent + 1); // before producing: its delivery report may come back at once
            Produce(entry, (int)(sent & _mask));
        }
    }

    private void Produce(in SignalQueueEntry entry, int slot)
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
                _producer.Produce(_topic, message, _onDelivered[slot]);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull && !_stopping)
            {
                Thread.Sleep(1); // the client's queue is full: deliveries free it (reported on its own poll thread)
            }
            catch (KafkaException)
            {
                OnDelivered(slot, failed: true); // refused outright: no report will come, so account it here
                return;
            }
        }
    }

    private void OnDelivered(int slot, bool failed)
    {
        Interlocked.Increment(ref failed ? ref _failed : ref _delivered); // read from other threads
        lock (_acknowledging)
        {
            _entries[slot].Acknowledged = true;
            long acknowledged = _acknowledged;
            long sent = Volatile.Read(ref _sent);
            while (acknowledged < sent && _entries[acknowledged & _mask].Acknowledged)
            {
                acknowledged++;
            }

            Volatile.Write(ref _acknowledged, acknowledged); // release: the freed slots may be reused by the strategy thread
        }
    }
}
