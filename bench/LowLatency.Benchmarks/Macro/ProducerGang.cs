using System.Runtime.ExceptionServices;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// Several producers for the 3→1 benchmarks: the benchmark thread is producer 0, and long-lived helper threads
/// (started once, in GlobalSetup, so thread start is never measured) are producers 1..n-1. Each round splits the
/// events into equal contiguous shares; a helper's failure is rethrown on the benchmark thread.
/// </summary>
internal sealed class ProducerGang
{
    private static readonly TimeSpan s_idlePoll = TimeSpan.FromMilliseconds(100);

    private readonly Action<long, int> _produce;
    private readonly Thread[] _helpers;
    private readonly SemaphoreSlim[] _go;
    private long _first;
    private int _share;
    private int _pending;
    private volatile Exception? _fault;
    private volatile bool _stopping;

    /// <param name="producerCount">Producers including the benchmark thread.</param>
    /// <param name="produce">Publishes events first .. first+count-1; runs on every producer thread.</param>
    public ProducerGang(int producerCount, Action<long, int> produce)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(producerCount, 2);
        _produce = produce;
        ProducerCount = producerCount;
        _helpers = new Thread[producerCount - 1];
        _go = new SemaphoreSlim[producerCount - 1];
        for (int i = 0; i < _helpers.Length; i++)
        {
            int index = i;
            _go[i] = new SemaphoreSlim(0);
            _helpers[i] = new Thread(() => HelperLoop(index)) { Name = $"producer-{i + 1}", IsBackground = true };
            _helpers[i].Start();
        }
    }

    public int ProducerCount { get; }

    /// <summary>Publishes events first .. first+count-1 across all producers and returns when every one is done.</summary>
    public void Run(long first, int count)
    {
        if (count % ProducerCount != 0)
        {
            throw new ArgumentException($"The event count {count} must be a multiple of {ProducerCount}.", nameof(count));
        }

        _first = first;
        _share = count / ProducerCount;
        Volatile.Write(ref _pending, _helpers.Length); // release: _first and _share are set before any helper starts
        foreach (SemaphoreSlim go in _go)
        {
            go.Release();
        }

        _produce(first, _share);
        var spin = new BoundedSpin();
        while (Volatile.Read(ref _pending) != 0) // acquire: pairs with each helper's decrement
        {
            ThrowIfFaulted();
            spin.SpinOnce("the helper producers to finish");
        }

        ThrowIfFaulted();
    }

    public void Stop()
    {
        _stopping = true;
        foreach (Thread helper in _helpers)
        {
            if (!helper.Join(BoundedSpin.Timeout))
            {
                BoundedSpin.ThrowTimeout("a helper producer to stop");
            }
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }
    }

    private void HelperLoop(int index)
    {
        while (!_stopping)
        {
            if (!_go[index].Wait(s_idlePoll))
            {
                continue;
            }

            try
            {
                _produce(_first + ((index + 1) * (long)_share), _share);
            }
            catch (Exception ex)
            {
                _fault ??= ex;
            }

            Interlocked.Decrement(ref _pending); // full fence: this share is published before the count drops
        }
    }
}
