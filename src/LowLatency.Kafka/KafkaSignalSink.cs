using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using LowLatency.Engine;
using LowLatency.Engine.WaitStrategies;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using LowLatency.Market.Trading;

namespace LowLatency.Kafka;

/// <summary>
/// Publishes strategy signals to a topic off the hot path: <see cref="OnSignal"/> copies the signal (and the tick's
/// source partition/offset) into an engine ring (single producer: the strategy thread); a background thread encodes
/// and produces. The ring is gated by the acknowledged sequence, so a slot is reused only once its signal is
/// acknowledged, and the queue also bounds what is in flight to the cluster. When the queue is full the strategy thread
/// waits for room (<see cref="SignalQueueFullMode.Wait"/>, the default: no signal is lost; counted in
/// <see cref="QueueFullWaits"/>) or, with <see cref="SignalQueueFullMode.Drop"/> (only without a bridge to gate), counts
/// the signal in <see cref="Dropped"/> and goes on. A failed delivery is retried, never given up. With a <c>next</c>
/// sink every signal is handed on to it as well (a tee), on the strategy thread, after it is queued here.
/// </summary>
/// <remarks>Built with the bridge as <c>origin</c>, the sink also gates the bridge's offset commits: a tick's offset
/// is committed only once the signals of every tick up to it are acknowledged, so a crash loses no signal either
/// (at least once from the tick topic to the signals topic).</remarks>
public sealed class KafkaSignalSink : ISignalSink, IDisposable
{
    private static readonly TimeSpan s_retryBackoff = TimeSpan.FromMilliseconds(100);

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly KafkaClientLog _clientLog;
    private readonly string _topic;
    private readonly SymbolTable _symbols;
    private readonly KafkaTickBridge? _origin;
    private readonly ISignalSink? _next;
    private readonly StrategyReasons? _reasons;
    private readonly SignalQueueFullMode _queueFullMode;
    private readonly RingBuffer<SignalQueueEntry> _ring; // its cursor is the last queued signal
    private readonly Action<DeliveryReport<byte[], byte[]>>[] _onDelivered; // one per slot, made once: no closure per message
    private readonly Thread _thread;
    private readonly Lock _acknowledging = new(); // librdkafka may report deliveries from its poll thread and from Flush
    private readonly ConcurrentQueue<int> _retries = new(); // slots whose delivery failed, produced again after a back-off

    // The ring's only gating sequence: every signal up to it is delivered, so its slot is free. Padded (a Sequence).
    private readonly Sequence _acknowledged = new();
    private long _sent; // next sequence the background thread produces
    private long _firstDroppedTick = long.MaxValue; // commits never pass a tick whose signal was dropped
    private long _dropped;
    private long _delivered;
    private long _failed;
    private long _queueFullWaits;
    private volatile string? _error;
    private volatile bool _stopping;
    private volatile bool _aborting;
    private volatile bool _paused; // tests only: the sender holds back, so the queue fills deterministically

    /// <summary><c>capacity</c> is the queue's size (a power of two, <see cref="RingCapacity"/>); <c>queueFullMode</c>
    /// is <see cref="SignalQueueFullMode.Wait"/> or <see cref="SignalQueueFullMode.Drop"/>. With <c>next</c> (e.g. the
    /// host's SignalHub) every signal and fill reaches that sink too, so its subscribers keep working. <c>log</c>
    /// receives failed deliveries and the client's warnings (dropped
    /// without it). With <c>reasons</c> (the pipeline's <see cref="MarketPipeline.Reasons"/>) a signal's reason is
    /// published by its name, else as its code.</summary>
    public KafkaSignalSink(KafkaSettings settings, string topic, SymbolTable symbols, KafkaTickBridge? origin = null, int capacity = 1 << 14,
        ISignalSink? next = null, SignalQueueFullMode queueFullMode = SignalQueueFullMode.Wait, Action<string>? log = null,
        StrategyReasons? reasons = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (!RingCapacity.IsValid(capacity))
        {
            throw new ArgumentException($"capacity must be a power of two between {RingCapacity.Min} and {RingCapacity.Max} (got {capacity}).", nameof(capacity));
        }

        if (queueFullMode is not (SignalQueueFullMode.Wait or SignalQueueFullMode.Drop))
        {
            throw new ArgumentException($"queueFullMode must be Wait or Drop (got {queueFullMode}).", nameof(queueFullMode));
        }

        if (queueFullMode == SignalQueueFullMode.Drop && origin is not null)
        {
            throw new ArgumentException("queueFullMode Drop cannot be combined with a bridge: its commits wait for every signal.", nameof(queueFullMode));
        }

        _symbols = symbols ?? throw new ArgumentNullException(nameof(symbols));
        _topic = topic;
        _origin = origin;
        _next = next;
        _reasons = reasons;
        _queueFullMode = queueFullMode;
        // Nobody waits through the ring's wait strategy (the strategy thread uses TryNext, the sender polls the cursor);
        // a non-blocking one keeps publishing a single release store.
        _ring = RingBuffer<SignalQueueEntry>.CreateSingleProducer(capacity, new BusySpinWaitStrategy());
        _ring.Sequencer.AddGatingSequences(_acknowledged);
        _onDelivered = new Action<DeliveryReport<byte[], byte[]>>[capacity];
        for (int i = 0; i < capacity; i++)
        {
            int slot = i;
            _onDelivered[i] = report => OnDelivered(slot, report.Error);
        }

        origin?.GateCommitsOn(this); // before any thread or client exists: a refusal leaks nothing
        _clientLog = new KafkaClientLog(log, settings);
        _producer = new ProducerBuilder<byte[], byte[]>(settings.Apply(new ProducerConfig { Acks = Acks.All, LingerMs = 5 }))
            .SetLogHandler((_, message) => _clientLog.OnLog(message))
            .Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "kafka-signals" };
        _thread.Start();
    }

    /// <summary>Signals not queued: the queue was full (<see cref="SignalQueueFullMode.Drop"/>, or a wait given up because
    /// the sink or the bridge's pipeline was stopping).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Signals acknowledged by the cluster.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Failed delivery attempts; each is retried after a back-off until it succeeds.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Times the strategy thread found the queue full and waited for room (acknowledgements).</summary>
    public long QueueFullWaits => Interlocked.Read(ref _queueFullWaits);

    /// <summary>Signals queued but not yet acknowledged by the cluster (in flight or waiting to be sent): the ring's
    /// cursor minus the acknowledged sequence. A snapshot, readable from any thread; after a <see cref="Flush"/> that
    /// timed out, the signals still to deliver.</summary>
    public long Pending
    {
        get
        {
            long acknowledged = _acknowledged.Value; // acquire; read first, so the later cursor read is never behind it
            return _ring.Cursor - acknowledged;
        }
    }

    /// <summary>Why the sink thread stopped on its own (an unexpected error); null while it runs.</summary>
    public string? Error => _error;

    /// <summary>Strategy thread: one struct copy, no allocation; then the next sink, if any.</summary>
    public void OnSignal(in Signal signal)
    {
        Enqueue(in signal);
        _next?.OnSignal(in signal); // last: a next sink that throws (a full hub in Fail mode) cannot cost the Kafka copy
    }

    /// <summary>Fills are not published; they go on to the next sink.</summary>
    public void OnFill(in Fill fill) => _next?.OnFill(in fill);

    /// <summary>Equity points are not published; they go on to the next sink.</summary>
    public void OnEquity(in EquityPoint point) => _next?.OnEquity(in point);

    /// <summary>Waits (bounded; an infinite timeout waits as long as it takes) until every queued signal is acknowledged.</summary>
    public bool Flush(TimeSpan timeout)
    {
        long deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!AllAcknowledged && Environment.TickCount64 < deadline && _error is null)
        {
            Thread.Sleep(1);
        }

        return AllAcknowledged;
    }

    private bool AllAcknowledged => _acknowledged.Value == _ring.Cursor;

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        if (!_aborting)
        {
            Flush(TimeSpan.FromSeconds(5));
        }

        _stopping = true;
        if (_thread.Join(TimeSpan.FromSeconds(5)))
        {
            _producer.Dispose(); // not while the thread may still be producing: that would free the native handle under it
        }
    }

    /// <summary>Stops without producing what is still queued, as a crash would (for tests of the at-least-once path).</summary>
    internal void Abort()
    {
        _aborting = true;
        Dispose();
    }

    /// <summary>Holds the sender back (nothing is produced, so nothing is acknowledged) or lets it go on: for tests
    /// that need a full queue without racing the cluster's acknowledgements.</summary>
    internal void PauseSending(bool paused) => _paused = paused;

    /// <summary>
    /// The highest ring sequence, at most <paramref name="strategyDone"/>, whose signals and every earlier tick's are
    /// acknowledged. Read <paramref name="strategyDone"/> before calling: every signal of a tick up to it is queued by
    /// then (the strategy queues a signal before it publishes its progress).
    /// </summary>
    internal long CommittableThrough(long strategyDone)
    {
        long limit = Math.Min(strategyDone, Interlocked.Read(ref _firstDroppedTick) - 1);
        while (true)
        {
            long acknowledged = _acknowledged.Value;
            if (acknowledged == _ring.Cursor)
            {
                return limit; // nothing in flight
            }

            long pendingTick = _ring[acknowledged + 1].Signal.Sequence;
            Interlocked.MemoryBarrier(); // the entry read above must complete before the re-check below
            if (_acknowledged.Value == acknowledged)
            {
                // Unchanged, so the slot was not freed (and overwritten) while it was read: its tick is the oldest pending.
                return Math.Min(limit, pendingTick - 1);
            }
        }
    }

    private void Enqueue(in Signal signal)
    {
        // TryNext reads the acknowledged sequence (acquire) only when its cached copy says the ring may be full.
        if (!_ring.TryNext(out long sequence) && !WaitForRoom(out sequence))
        {
            Interlocked.Increment(ref _dropped); // read from other threads
            InterlockedMin(ref _firstDroppedTick, signal.Sequence);
            return;
        }

        ref SignalQueueEntry entry = ref _ring[sequence];
        entry.Signal = signal;
        entry.EmittedNs = MonotonicClock.NowNs();
        entry.Acknowledged = false;
        if (_origin is null || !_origin.TryGetOrigin(signal.Sequence, out entry.Partition, out entry.Offset))
        {
            entry.Partition = -1;
            entry.Offset = -1;
        }

        _ring.Publish(sequence); // release: the entry is written before the sender thread sees it
    }

    /// <summary>The queue is full: wait for room (acknowledgements) unless the mode is Drop or the sink is stopping.</summary>
    private bool WaitForRoom(out long sequence)
    {
        sequence = Sequence.InitialValue;
        if (_queueFullMode == SignalQueueFullMode.Drop)
        {
            return false;
        }

        Interlocked.Increment(ref _queueFullWaits); // read from other threads
        var spin = default(SpinWait);
        while (!_ring.TryNext(out sequence))
        {
            if (_stopping || _error is not null || _origin is { PipelineHalted: true })
            {
                return false; // dropped: counted, and commits stop before its tick
            }

            spin.SpinOnce(); // yields, then sleeps: acknowledgements take a network round trip
        }

        return true;
    }

    private void Run()
    {
        var idle = default(SpinWait);
        long retryAt = 0;
        try
        {
            while (!_stopping)
            {
                if (_aborting || _paused)
                {
                    Thread.Sleep(1);
                    continue;
                }

                if (!_retries.IsEmpty && Environment.TickCount64 >= retryAt && _retries.TryDequeue(out int failed))
                {
                    Produce(_ring[failed], failed);
                    retryAt = Environment.TickCount64 + (long)s_retryBackoff.TotalMilliseconds;
                    continue;
                }

                long sent = _sent;
                if (sent > _ring.Cursor) // acquire: pairs with the release in Enqueue's publish
                {
                    idle.SpinOnce(); // yields, then sleeps 1 ms at a time while idle
                    continue;
                }

                idle.Reset();
                SignalQueueEntry entry = _ring[sent];
                Volatile.Write(ref _sent, sent + 1); // before producing: its delivery report may come back at once
                Produce(entry, SlotOf(sent));
            }
        }
        catch (Exception ex)
        {
            // Not expected (e.g. a symbol unknown to this sink's table). Signals stop here, so the bridge's commits stop
            // too: nothing is committed without its signal.
            _error = ex.GetType().Name + ": " + ex.Message;
            _clientLog.Report("signal sink stopped: " + _error);
        }
    }

    private void Produce(in SignalQueueEntry entry, int slot)
    {
        Signal s = entry.Signal;
        string symbol = _symbols.GetName(s.Symbol);
        string reason = _reasons is null ? s.Reason.ToString(CultureInfo.InvariantCulture) : JsonEncodedText.Encode(_reasons[s.Reason]).ToString();
        string json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"symbol\":\"{JsonEncodedText.Encode(symbol)}\",\"side\":\"{s.Side}\",\"quantity\":{s.Quantity},\"price\":{s.Price},\"timestamp\":{s.TimestampNs},\"sequence\":{s.Sequence},\"type\":\"{(s.Type == OrderType.Limit ? "limit" : "market")}\",\"reason\":\"{reason}\",\"sourcePartition\":{entry.Partition},\"sourceOffset\":{entry.Offset},\"emittedNs\":{entry.EmittedNs}}}");
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
                Thread.Sleep(1); // the client's queue is full: wait while it delivers (reports come on its own poll thread)
            }
            catch (KafkaException ex)
            {
                OnDelivered(slot, ex.Error); // refused outright: no report will come, so retry it like a failed delivery
                return;
            }
        }
    }

    private void OnDelivered(int slot, Error error)
    {
        if (error.IsError)
        {
            // Never given up: committing the tick without its signal would lose the signal. The bridge waits meanwhile.
            Interlocked.Increment(ref _failed); // read from other threads
            _clientLog.Report("signal delivery failed, retrying: " + error.Reason);
            _retries.Enqueue(slot);
            return;
        }

        Interlocked.Increment(ref _delivered); // read from other threads
        lock (_acknowledging)
        {
            _ring[slot].Acknowledged = true;
            long acknowledged = _acknowledged.Value;
            long sent = Volatile.Read(ref _sent);
            while (acknowledged + 1 < sent && _ring[acknowledged + 1].Acknowledged)
            {
                acknowledged++;
            }

            _acknowledged.SetRelease(acknowledged); // release: the freed slots may be reused by the strategy thread
        }
    }

    /// <summary>The ring index of <paramref name="sequence"/>: delivery callbacks and retries name slots, not sequences.</summary>
    private int SlotOf(long sequence) => (int)(sequence & (_ring.BufferSize - 1));

    private static void InterlockedMin(ref long location, long value)
    {
        long current;
        while (value < (current = Interlocked.Read(ref location)) && Interlocked.CompareExchange(ref location, value, current) != current)
        {
        }
    }
}
