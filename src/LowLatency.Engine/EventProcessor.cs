using System.Runtime.CompilerServices;

namespace LowLatency.Engine;

/// <summary>
/// Runs one handler on its own dedicated thread: waits on its barrier, hands each available event to the handler by
/// <c>ref</c>, then publishes its progress once per batch. Generic over the handler struct, so the JIT compiles a
/// loop per handler with <c>OnEvent</c> inlined and no interface dispatch per event.
/// </summary>
public sealed class EventProcessor<T, THandler> : IEventProcessor, IBarrierOwner
    where T : unmanaged
    where THandler : struct, IEventHandler<T>
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IProcessorHost _host;
    private readonly IWaitStrategy? _signaller;
    private readonly Sequence _sequence = new();
    private readonly ExceptionPolicy? _ownPolicy;
    private THandler _handler; // not readonly: a readonly struct field would be copied before every call
    private Thread? _thread;
    private long _failures;
    private volatile bool _running;

    internal EventProcessor(RingBuffer<T> ring, SequenceBarrier barrier, THandler handler, string name,
        ExceptionPolicy? ownPolicy, IProcessorHost host)
    {
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _host = host;
        Name = name;
        _ownPolicy = ownPolicy;
        IWaitStrategy waitStrategy = ring.Sequencer.WaitStrategy;
        _signaller = waitStrategy.IsBlocking ? waitStrategy : null;
    }

    public string Name { get; }

    public Sequence Sequence => _sequence;

    public long ProcessedCount => _sequence.Value + 1;

    public long FailureCount => Volatile.Read(ref _failures);

    /// <summary>Its own policy if it was given one, else the pipeline's default (which cannot change once started).</summary>
    public ExceptionPolicy ExceptionPolicy => _ownPolicy ?? _host.DefaultExceptionPolicy;

    public bool IsRunning => _running;

    SequenceBarrier IBarrierOwner.Barrier => _barrier;

    /// <summary>The handler as the processor holds it. Read its state after the pipeline stopped.</summary>
    public ref THandler Handler => ref _handler;

    internal void Start(ThreadPriority priority)
    {
        _running = true;
        _thread = new Thread(Run) { Name = Name, IsBackground = true, Priority = priority };
        _thread.Start();
    }

    internal bool Join(TimeSpan timeout) => _thread is null || _thread == Thread.CurrentThread || _thread.Join(timeout);

    private void Run()
    {
        try
        {
            _host.OnProcessorStarting(this);
            InvokeLifecycle(starting: true);
            _host.OnProcessorStarted();
            ProcessEvents();
            InvokeLifecycle(starting: false);
        }
        finally
        {
            _running = false;
        }
    }

    private void ProcessEvents()
    {
        // Locals, not fields: the JIT keeps them in registers across the inlined OnEvent.
        long mask = _ring.BufferSize - 1;
        ref T first = ref _ring.SlotZero;
        long next = _sequence.Value + 1;

        var backoff = default(SpinWait);
        while (!_barrier.IsAlerted)
        {
            long available = _barrier.WaitFor(next);
            if (available < next)
            {
                // Claimed but not yet published (a multi-producer gap), or a strategy timeout: back off a little
                // instead of spinning hot on a core the publishing thread may need.
                backoff.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            backoff.Reset();

            try
            {
                for (; next <= available; next++)
                {
                    _handler.OnEvent(ref Unsafe.Add(ref first, (int)(next & mask)), next, next == available);
                }

                _sequence.SetRelease(available); // release: this batch's slot writes are visible to the next stage
                _signaller?.SignalAllWhenBlocking();
            }
            catch (Exception ex)
            {
                if (ExceptionPolicy == ExceptionPolicy.Halt)
                {
                    // Stop just before the failed event, so no later stage ever sees it.
                    _sequence.SetRelease(next - 1);
                    OnFault(ex, next);
                    break;
                }

                // Skip the failed event: mark it done so neither later stages nor producers wait on it forever.
                _sequence.SetRelease(next);
                _signaller?.SignalAllWhenBlocking();
                OnFault(ex, next);
                next++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnFault(Exception ex, long sequence)
    {
        Interlocked.Increment(ref _failures);
        _host.OnFault(new HandlerFault(Name, sequence, ex, ExceptionPolicy));
    }

    private void InvokeLifecycle(bool starting)
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
