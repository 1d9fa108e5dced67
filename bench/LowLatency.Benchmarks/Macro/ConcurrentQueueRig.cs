using System.Collections.Concurrent;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// A bare <see cref="ConcurrentQueue{T}"/> with a consumer thread polling <c>TryDequeue</c> (spin, then yield while
/// empty). The queue is unbounded, so the producer applies the same capacity itself: it stops while it is a full
/// capacity ahead of the consumer's published progress, which it re-reads only when its cached copy says full (the
/// trick our sequencer uses), rather than calling the costly <c>Count</c> per event.
/// </summary>
internal sealed class ConcurrentQueueRig : IMacroRig
{
    private readonly ConcurrentQueue<MarketEvent> _queue = new();
    private readonly EventSource _source = new();
    private readonly Sequence _handled = new();
    private readonly Thread _thread;
    private ChecksumHandler _handler;
    private volatile Exception? _fault;
    private volatile bool _stopping;
    private long _published;

    public ConcurrentQueueRig()
    {
        _thread = new Thread(Consume) { Name = "concurrent-queue-consumer", IsBackground = true };
        _thread.Start();
    }

    public void Run(int eventCount)
    {
        ConcurrentQueue<MarketEvent> queue = _queue;
        EventSource source = _source;
        long cachedHandled = _handled.Value;
        for (long n = _published, end = _published + eventCount; n < end; n++)
        {
            if (n - cachedHandled > MacroSizes.Capacity)
            {
                cachedHandled = WaitForRoom(n);
            }

            queue.Enqueue(source[n]);
        }

        _published += eventCount;
        var spin = new BoundedSpin();
        while (_handled.Value < _published - 1)
        {
            ThrowIfFaulted();
            spin.SpinOnce("the ConcurrentQueue's consumer to catch up");
        }
    }

    public void StopAndVerify()
    {
        _stopping = true;
        if (!_thread.Join(BoundedSpin.Timeout))
        {
            BoundedSpin.ThrowTimeout("the ConcurrentQueue's consumer to stop");
        }

        ThrowIfFaulted();
        _handler.Verify("ConcurrentQueue", _published, _source);
    }

    // Event n may be enqueued once at most Capacity events are in flight: handled >= n - Capacity.
    private long WaitForRoom(long n)
    {
        var spin = new BoundedSpin();
        long handled;
        while (n - (handled = _handled.Value) > MacroSizes.Capacity)
        {
            ThrowIfFaulted();
            spin.SpinOnce("room in the ConcurrentQueue");
        }

        return handled;
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new InvalidOperationException("The ConcurrentQueue consumer failed.", fault);
        }
    }

    private void Consume()
    {
        try
        {
            long sequence = -1;
            var idle = new SpinWait();
            while (!_stopping)
            {
                if (!_queue.TryDequeue(out MarketEvent e))
                {
                    idle.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                idle.Reset();
                sequence++;
                _handler.OnEvent(ref e, sequence, endOfBatch: false);
                _handled.SetRelease(sequence); // release: pairs with the producer's acquire read
            }
        }
        catch (Exception ex)
        {
            _fault = ex;
        }
    }
}
