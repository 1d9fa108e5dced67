using LowLatency.Engine;
using LowLatency.Engine.WaitStrategies;
using LowLatency.Hosting.Internal;
using LowLatency.Market;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting;

/// <summary>
/// Hands strategy signals to host code off the hot path. As the strategy's <see cref="ISignalSink"/> it copies each
/// signal into a ring of its own (single producer: the strategy thread; nothing allocated, never waits) and a
/// dispatch thread calls the subscribers. When the queue is full the strategy thread drops the signal and counts it, or
/// fails, as <see cref="SignalQueueFullMode"/> says (<see cref="SignalQueueFullMode.Wait"/> is not offered: the hub
/// never makes the strategy wait for subscribers). At stop every queued signal is delivered before the host exits.
/// </summary>
/// <remarks>Subscribers run one at a time, in signal order, on the dispatch thread; a slow one delays the rest and
/// eventually fills the queue. <see cref="Subscribe"/> and disposing a subscription are thread-safe.</remarks>
public sealed class SignalHub : ISignalSink, IDisposable
{
    private readonly EventPipeline<Signal> _dispatch;
    private readonly RingBuffer<Signal> _ring;
    private readonly SignalQueueFullMode _queueFullMode;
    private readonly ILogger _logger;
    private readonly Lock _subscribeLock = new();
    private Action<Signal>[] _subscribers = [];
    private long _dropped; // written by the strategy thread only
    private long _delivered; // written by the dispatch thread only

    internal SignalHub(int capacity, SignalQueueFullMode queueFullMode, ILogger logger)
    {
        if (queueFullMode is not (SignalQueueFullMode.Drop or SignalQueueFullMode.Fail))
        {
            throw new ArgumentOutOfRangeException(nameof(queueFullMode), queueFullMode, "The signal hub drops or fails when its queue is full; it never waits.");
        }

        _queueFullMode = queueFullMode;
        _logger = logger;
        // No yield spell: the dispatcher parks as soon as it has nothing to do, so it never competes with the stages
        // for a core, and a publish wakes it with one read when nobody is parked.
        _ring = RingBuffer<Signal>.CreateSingleProducer(capacity, new HybridWaitStrategy(TimeSpan.Zero));
        _dispatch = new EventPipeline<Signal>(_ring);
        _dispatch.HandleEventsWith(new SignalDispatchHandler(this), new HandlerOptions { Name = "signals" });
    }

    public int Capacity => _ring.BufferSize;

    /// <summary>Signals not delivered because the queue was full (<see cref="SignalQueueFullMode.Drop"/>).</summary>
    public long Dropped => Volatile.Read(ref _dropped); // acquire: another thread reads the strategy thread's count

    /// <summary>Signals handed to the subscribers so far.</summary>
    public long Delivered => Volatile.Read(ref _delivered); // acquire: another thread reads the dispatcher's count

    /// <summary>Signals queued and not yet handed to the subscribers.</summary>
    public long Pending => _ring.Cursor - _dispatch.Processors[0].Sequence.Value;

    /// <summary>Calls <paramref name="onSignal"/> for every later signal, on the dispatch thread, until the returned
    /// subscription is disposed. An exception is logged and the other subscribers still run.</summary>
    public IDisposable Subscribe(Action<Signal> onSignal)
    {
        ArgumentNullException.ThrowIfNull(onSignal);
        lock (_subscribeLock)
        {
            Volatile.Write(ref _subscribers, [.. _subscribers, onSignal]); // release: the dispatcher sees a full array
        }

        return new Subscription(this, onSignal);
    }

    /// <summary>On the strategy thread: copy into the queue, never wait, never allocate.</summary>
    void ISignalSink.OnSignal(in Signal signal)
    {
        if (_ring.TryNext(out long sequence))
        {
            _ring[sequence] = signal;
            _ring.Publish(sequence);
            return;
        }

        QueueFull(signal.Sequence);
    }

    public void Dispose() => _dispatch.Dispose();

    internal void Start() => _dispatch.Start();

    /// <summary>Delivers every queued signal, then stops the dispatch thread; false on timeout.</summary>
    internal bool Stop(TimeSpan timeout) => _dispatch.Shutdown(timeout);

    /// <summary>On the dispatch thread.</summary>
    internal void Dispatch(in Signal signal)
    {
        Action<Signal>[] subscribers = Volatile.Read(ref _subscribers); // acquire: pairs with the write in Subscribe
        foreach (Action<Signal> subscriber in subscribers)
        {
            try
            {
                subscriber(signal);
            }
            catch (Exception ex)
            {
                Log.SubscriberFailed(_logger, ex);
            }
        }

        Volatile.Write(ref _delivered, _delivered + 1); // release: readers on other threads see whole counts
    }

    private void QueueFull(long sequence)
    {
        if (_queueFullMode == SignalQueueFullMode.Fail)
        {
            ThrowHelper.SignalQueueFull(_ring.BufferSize, sequence);
        }

        Volatile.Write(ref _dropped, _dropped + 1); // release: readers on other threads see whole counts
    }

    private void Unsubscribe(Action<Signal> onSignal)
    {
        lock (_subscribeLock)
        {
            int index = Array.IndexOf(_subscribers, onSignal);
            if (index >= 0)
            {
                Action<Signal>[] next = [.. _subscribers.AsSpan(0, index), .. _subscribers.AsSpan(index + 1)];
                Volatile.Write(ref _subscribers, next); // release: the dispatcher sees a full array
            }
        }
    }

    private sealed class Subscription(SignalHub hub, Action<Signal> onSignal) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) // dispose may race from two threads: unsubscribe once
            {
                hub.Unsubscribe(onSignal);
            }
        }
    }
}
