using LowLatency.Engine;

namespace LowLatency.Market.Handlers;

/// <summary>
/// Runs <typeparamref name="TInner"/> (the last stage), then records ingest → decision latency of the event into a
/// <see cref="LatencyRecorder"/> (allocation-free, readable while it runs), on the stage's own thread. The clock is read for the first and last event of every
/// batch and every <see cref="ClockEvery"/>th event inside one: at paced rates batches hold one event, so every
/// reading is exact; in a flat-out burst a reading is reused for at most that many events of the same batch, which
/// understates their latency by no more than the time the stage takes for them, while saving most clock reads.
/// Latencies are kept in a preallocated buffer and handed to the recorder at the end of each batch (or every
/// <see cref="BufferLength"/> events), so the recorder's atomics are paid once per batch; readers see them once the
/// batch is done; latencies a batch left behind when its last event threw go over when the next batch starts (or the
/// stage shuts down).
/// </summary>
public struct LatencyRecordingHandler<TInner> : IEventHandler<MarketEvent>
    where TInner : struct, IEventHandler<MarketEvent>
{
    private readonly LatencyRecorder _latency;
    /// <summary>Inside a batch, the clock is read for one event in this many (a power of two).</summary>
    public const int ClockEvery = 8;

    /// <summary>Latencies buffered before they are handed to the recorder at the latest.</summary>
    public const int BufferLength = 256;

    private readonly long[] _pending;
    private TInner _inner; // not readonly: the inner handler is a mutable struct
    private long _nowNs;
    private int _pendingCount;
    private bool _batchStarting;

    public LatencyRecordingHandler(TInner inner, LatencyRecorder latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        _inner = inner;
        _latency = latency;
        _pending = new long[BufferLength];
        _batchStarting = true;
    }

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        _inner.OnEvent(ref data, sequence, endOfBatch);
        if (_batchStarting || endOfBatch || (sequence & (ClockEvery - 1)) == 0)
        {
            _nowNs = MonotonicClock.NowNs();
        }

        _batchStarting = endOfBatch; // a new batch must not reuse a reading taken before the stage waited

        long[] pending = _pending;
        int count = _pendingCount;
        pending[count++] = _nowNs - data.IngestTimestampNs;
        _pendingCount = count;
        if (endOfBatch || count == pending.Length)
        {
            HandOver();
        }
    }

    // Forwarded only when the inner handler has them: its default bodies would box it on every call.
    /// <summary>A new batch: its first event reads the clock afresh, and latencies a batch left behind (its last event
    /// threw, so it never handed them over) go to the recorder now.</summary>
    public void OnBatchStart(long batchSize)
    {
        _batchStarting = true;
        if (_pendingCount != 0)
        {
            HandOver();
        }

        if (HandlerHooks<MarketEvent, TInner>.HasBatchStart)
        {
            _inner.OnBatchStart(batchSize);
        }
    }

    public void OnTimeout(long sequence)
    {
        if (HandlerHooks<MarketEvent, TInner>.HasTimeout)
        {
            _inner.OnTimeout(sequence);
        }
    }

    public void OnStart() => _inner.OnStart();

    public void OnShutdown()
    {
        HandOver();
        _inner.OnShutdown();
    }

    private void HandOver()
    {
        _latency.Record(_pending.AsSpan(0, _pendingCount));
        _pendingCount = 0;
    }
}
