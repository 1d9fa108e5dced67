using System.Collections.Concurrent;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// <see cref="BlockingCollection{T}"/> over a <see cref="ConcurrentQueue{T}"/>, bounded to the same capacity: the
/// producer blocks in <c>TryAdd</c> while full, the consumer thread blocks in <c>TryTake</c> while empty (both with a
/// timeout, so nothing hangs).
/// </summary>
internal sealed class BlockingCollectionRig : IMacroRig
{
    private static readonly int s_timeoutMs = (int)BoundedSpin.Timeout.TotalMilliseconds;

    private readonly BlockingCollection<MarketEvent> _queue = new(new ConcurrentQueue<MarketEvent>(), MacroSizes.Capacity);
    private readonly EventSource _source = new();
    private readonly Sequence _handled = new();
    private readonly Thread _thread;
    private ChecksumHandler _handler;
    private volatile Exception? _fault;
    private long _published;

    public BlockingCollectionRig()
    {
        _thread = new Thread(Consume) { Name = "blocking-collection-consumer", IsBackground = true };
        _thread.Start();
    }

    public void Run(int eventCount)
    {
        BlockingCollection<MarketEvent> queue = _queue;
        EventSource source = _source;
        for (long n = _published, end = _published + eventCount; n < end; n++)
        {
            if (!queue.TryAdd(source[n], s_timeoutMs))
            {
                BoundedSpin.ThrowTimeout("room in the BlockingCollection");
            }
        }

        _published += eventCount;
        var spin = new BoundedSpin();
        while (_handled.Value < _published - 1)
        {
            ThrowIfFaulted();
            spin.SpinOnce("the BlockingCollection's consumer to catch up");
        }
    }

    public void StopAndVerify()
    {
        _queue.CompleteAdding();
        if (!_thread.Join(BoundedSpin.Timeout))
        {
            BoundedSpin.ThrowTimeout("the BlockingCollection's consumer to stop");
        }

        ThrowIfFaulted();
        _handler.Verify("BlockingCollection", _published, _source);
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new InvalidOperationException("The BlockingCollection consumer failed.", fault);
        }
    }

    private void Consume()
    {
        try
        {
            long sequence = -1;
            while (!_queue.IsCompleted)
            {
                if (_queue.TryTake(out MarketEvent e, 100))
                {
                    sequence++;
                    _handler.OnEvent(ref e, sequence, endOfBatch: false);
                    _handled.SetRelease(sequence); // release: pairs with the benchmark thread's acquire read
                }
            }
        }
        catch (Exception ex)
        {
            _fault = ex;
        }
    }
}
