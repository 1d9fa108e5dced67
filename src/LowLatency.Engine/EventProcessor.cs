using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LowLatency.Engine;

/// <summary>
/// One stage: a handler, its progress sequence, counters and exception policy. A stage thread (one per stage, or
/// several stages fused on one thread, see <see cref="StageTopology"/>) hands it each batch of available events by
/// <c>ref</c>; it publishes its progress once per batch. Generic over the handler struct, so the JIT compiles a loop
/// per handler with <c>OnEvent</c> inlined and no interface dispatch per event.
/// </summary>
public sealed class EventProcessor<T, THandler> : IStage
    where T : unmanaged
    where THandler : struct, IEventHandler<T>
{
    private readonly RingBuffer<T> _ring;
    private readonly IProcessorHost _host;
    private readonly Sequence _sequence = new();
    private readonly ExceptionPolicy? _ownPolicy;
    private readonly Sequence[] _dependencies;
    private readonly long _idleTimeoutTicks;
    private THandler _handler; // not readonly: a readonly struct field would be copied before every call
    private long _failures;
    private volatile bool _running;

    internal EventProcessor(RingBuffer<T> ring, THandler handler, string name, HandlerOptions options,
        Sequence[] dependencies, IProcessorHost host)
    {
        _ring = ring;
        _handler = handler;
        _host = host;
        Name = name;
        _ownPolicy = options.ExceptionPolicy;
        _dependencies = dependencies;
        MaxBatchSize = options.MaxBatchSize ?? int.MaxValue;
        _idleTimeoutTicks = options.IdleTimeout is { } idle ? Math.Max(1, (long)(idle.TotalSeconds * Stopwatch.Frequency)) : 0;
    }

    public string Name { get; }

    public Sequence Sequence => _sequence;

    public long ProcessedCount => _sequence.Value + 1;

    public long FailureCount => Volatile.Read(ref _failures);

    /// <summary>Its own policy if it was given one, else the pipeline's default (which cannot change once started).</summary>
    public ExceptionPolicy ExceptionPolicy => _ownPolicy ?? _host.DefaultExceptionPolicy;

    public bool IsRunning => _running;

    /// <summary>The handler as the processor holds it. Read its state after the pipeline stopped.</summary>
    public ref THandler Handler => ref _handler;

    Sequence[] IStage.Dependencies => _dependencies;

    public int MaxBatchSize { get; }

    long IStage.IdleTimeoutTicks => _idleTimeoutTicks;

    void IStage.SetRunning(bool running) => _running = running;

    bool IStage.ProcessTo(long available)
    {
        long next = _sequence.Value + 1;
        if (next > available)
        {
            return true;
        }

        // Locals, not fields: the JIT keeps them in registers across the inlined OnEvent.
        long mask = _ring.BufferSize - 1;
        ref T first = ref _ring.SlotZero;
        bool batchStarting = HandlerHooks<T, THandler>.HasBatchStart;
        while (true)
        {
            try
            {
                if (batchStarting)
                {
                    batchStarting = false;
                    if (!StartBatch(available - next + 1, next))
                    {
                        return false;
                    }
                }

                for (; next <= available; next++)
                {
                    _handler.OnEvent(ref Unsafe.Add(ref first, (int)(next & mask)), next, next == available);
                }

                _sequence.SetRelease(available); // release: this batch's slot writes are visible to the next stage
                return true;
            }
            catch (Exception ex)
            {
                if (ExceptionPolicy == ExceptionPolicy.Halt)
                {
                    // Stop just before the failed event, so no later stage ever sees it.
                    _sequence.SetRelease(next - 1);
                    OnFault(ex, next);
                    return false;
                }

                // Skip the failed event: mark it done so neither later stages nor producers wait on it forever.
                _sequence.SetRelease(next);
                OnFault(ex, next);
                next++;
            }
        }
    }

    /// <summary>
    /// The batch hook, its failure reported against the batch's first event: under Halt the stage stops before that
    /// event (false); otherwise the batch is handled anyway, since the hook, not an event, failed.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool StartBatch(long batchSize, long first)
    {
        try
        {
            _handler.OnBatchStart(batchSize);
            return true;
        }
        catch (Exception ex)
        {
            if (ExceptionPolicy == ExceptionPolicy.Halt)
            {
                _sequence.SetRelease(first - 1);
                OnFault(ex, first);
                return false;
            }

            OnFault(ex, first);
            return true;
        }
    }

    void IStage.OnIdle()
    {
        if (!HandlerHooks<T, THandler>.HasTimeout)
        {
            return;
        }

        long sequence = _sequence.Value;
        try
        {
            _handler.OnTimeout(sequence);
        }
        catch (Exception ex)
        {
            // Nothing to skip or stop short of: the fault is reported at the last finished sequence.
            OnFault(ex, sequence);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnFault(Exception ex, long sequence)
    {
        Interlocked.Increment(ref _failures);
        _host.OnFault(new HandlerFault(Name, sequence, ex, ExceptionPolicy));
    }

    void IStage.RunLifecycle(bool starting)
    {
        try
        {
            if (starting)
            {
                _handler.OnStart();
            }
            else
            {
                _handler.OnShutdown();
            }
        }
        catch (Exception ex)
        {
            _host.OnFault(new HandlerFault(Name, Sequence.InitialValue, ex, ExceptionPolicy));
        }
    }
}
