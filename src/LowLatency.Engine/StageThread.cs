using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LowLatency.Engine;

/// <summary>
/// One thread running one or more consecutive stages (see <see cref="StageTopology"/>). It waits on a barrier over
/// what its stages follow outside it, then hands each batch to every stage in order; a stage never passes the stages it
/// follows on this thread, so a fused chain keeps the threaded chain's order and fault semantics per slot.
/// </summary>
internal sealed class StageThread<T>
    where T : unmanaged
{
    // Coalescing polls about once a microsecond (Thread.SpinWait(1) is tens of ns), at most this many times, and
    // stops as soon as a poll finds fewer new events than MinStreamingGrowth: the producers are not streaming then,
    // and waiting would only add latency.
    private const int CoalescePollSpins = 32;
    private const int CoalesceMaxPolls = 16;
    private const int MinStreamingGrowth = 16;

    private readonly IStage[] _stages;
    private readonly Sequence[][] _followsHere; // per stage, the stages it follows that run on this thread
    private readonly IProcessorHost _host;
    private readonly IWaitStrategy? _signaller;
    private readonly int _batchLimit;
    private readonly int _coalesceBatch;
    private readonly bool _hasIdleTimeouts;
    private readonly long[] _lastIdleRun;
    private Thread? _thread;

    public StageThread(RingBuffer<T> ring, IStage[] stages, IProcessorHost host, int coalesceBatch = 0)
    {
        _stages = stages;
        _host = host;
        IWaitStrategy waitStrategy = ring.Sequencer.WaitStrategy;
        _signaller = waitStrategy.IsBlocking ? waitStrategy : null;
        _followsHere = new Sequence[stages.Length][];
        _lastIdleRun = new long[stages.Length];

        var here = new HashSet<Sequence>();
        var outside = new List<Sequence>();
        _batchLimit = stages.Length > 1 ? TopologyPlan.FusedBatchLimit : int.MaxValue;
        for (int i = 0; i < stages.Length; i++)
        {
            IStage stage = stages[i];
            _followsHere[i] = [.. stage.Dependencies.Where(here.Contains)];
            outside.AddRange(stage.Dependencies.Where(d => !here.Contains(d) && !outside.Contains(d)));
            here.Add(stage.Sequence);
            _batchLimit = Math.Min(_batchLimit, stage.MaxBatchSize);
            _hasIdleTimeouts |= stage.IdleTimeoutTicks > 0;
        }

        // A stage that follows nothing waits on the producers' cursor (an empty barrier). When the thread also waits on
        // other stages, those never run ahead of what was published, so waiting on them alone is enough.
        Barrier = ring.NewBarrier([.. outside]);

        // Never more than half the ring: a batch that needs a full ring comes only when the producers wait on this
        // thread, and then waiting for it only stalls them. Below two polls' growth it would just add a poll's delay.
        _coalesceBatch = Math.Min(Math.Min(coalesceBatch, _batchLimit), ring.BufferSize / 2);
        if (_coalesceBatch < 2 * MinStreamingGrowth)
        {
            _coalesceBatch = 0;
        }

        Name = string.Join('+', stages.Select(s => s.Name));
    }

    public string Name { get; }

    public SequenceBarrier Barrier { get; }

    public IReadOnlyList<IEventProcessor> Stages => _stages;

    public void Start(ThreadPriority priority)
    {
        foreach (IStage stage in _stages)
        {
            stage.SetRunning(true);
        }

        _thread = new Thread(Run) { Name = Name, IsBackground = true, Priority = priority };
        _thread.Start();
    }

    public bool Join(TimeSpan timeout) => _thread is null || _thread == Thread.CurrentThread || _thread.Join(timeout);

    private void Run()
    {
        try
        {
            foreach (IStage stage in _stages)
            {
                _host.OnProcessorStarting(stage);
                stage.RunLifecycle(starting: true);
                _host.OnProcessorStarted();
            }

            ProcessEvents();
            foreach (IStage stage in _stages)
            {
                stage.RunLifecycle(starting: false);
            }
        }
        catch (Exception ex)
        {
            // Handler exceptions are caught per stage; this is the engine's own failure. Reported as a halting fault
            // of the thread's first stage rather than left to end the process.
            _host.OnFault(new HandlerFault(_stages[0].Name, _stages[0].Sequence.Value, ex, ExceptionPolicy.Halt));
        }
        finally
        {
            foreach (IStage stage in _stages)
            {
                stage.SetRunning(false);
            }
        }
    }

    private void ProcessEvents()
    {
        SequenceBarrier barrier = Barrier;
        long next = _stages.Min(s => s.Sequence.Value) + 1;
        long lastEvent = _hasIdleTimeouts ? Stopwatch.GetTimestamp() : 0;
        var backoff = default(SpinWait);
        long lastBatch = 0;
        while (!barrier.IsAlerted)
        {
            if (_hasIdleTimeouts)
            {
                barrier.TimeoutAt = NextIdleDeadline(lastEvent);
            }

            long available = barrier.WaitFor(next);
            if (available < next)
            {
                if (barrier.IsTimedOut)
                {
                    RunIdleTimeouts(lastEvent);
                    continue;
                }

                // Claimed but not yet published (a multi-producer gap), or a strategy timeout: back off a little
                // instead of spinning hot on a core the publishing thread may need.
                backoff.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            backoff.Reset();
            if (lastBatch > 1 && available > next && available - next + 1 < _coalesceBatch)
            {
                available = Coalesce(barrier, next, available);
            }

            long last = available - next < _batchLimit ? available : next + _batchLimit - 1;
            lastBatch = last - next + 1;
            if (!ProcessBatch(last))
            {
                break;
            }

            _signaller?.SignalAllWhenBlocking();
            next = last + 1;
            if (_hasIdleTimeouts)
            {
                lastEvent = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>
    /// The producers are streaming (this batch and the last hold more than one event): wait a few microseconds for a
    /// batch of <see cref="_coalesceBatch"/>, polling rarely. Handing slots over in bulk keeps the cursor's and the
    /// slots' cache lines from crossing cores once per event, which otherwise caps a producer and a consumer on two
    /// cores at one cache-line round trip per event.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Coalesce(SequenceBarrier barrier, long next, long available)
    {
        long target = next + _coalesceBatch - 1;
        for (int poll = 0; poll < CoalesceMaxPolls && available < target && !barrier.IsAlerted; poll++)
        {
            Thread.SpinWait(CoalescePollSpins);
            long grown = barrier.PeekAvailable(available + 1);
            if (grown - available < MinStreamingGrowth)
            {
                return grown;
            }

            available = grown;
        }

        return available;
    }

    /// <summary>Every stage in order, each up to <paramref name="last"/> or as far as the stages it follows here got.</summary>
    private bool ProcessBatch(long last)
    {
        IStage[] stages = _stages;
        if (stages.Length == 1)
        {
            return stages[0].ProcessTo(last);
        }

        bool halted = false;
        for (int i = 0; i < stages.Length; i++)
        {
            // A stage before this one stops short of an event only when it halted on it: this one stops there too.
            halted |= !stages[i].ProcessTo(Math.Min(last, Sequence.Minimum(_followsHere[i], last)));
        }

        return !halted;
    }

    private long NextIdleDeadline(long lastEvent)
    {
        long deadline = long.MaxValue;
        for (int i = 0; i < _stages.Length; i++)
        {
            long ticks = _stages[i].IdleTimeoutTicks;
            if (ticks > 0)
            {
                long since = Math.Max(lastEvent, _lastIdleRun[i]);
                deadline = Math.Min(deadline, ticks > long.MaxValue - since ? long.MaxValue : since + ticks); // saturate: a huge timeout is "never"
            }
        }

        return deadline;
    }

    private void RunIdleTimeouts(long lastEvent)
    {
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < _stages.Length; i++)
        {
            long ticks = _stages[i].IdleTimeoutTicks;
            if (ticks > 0 && now - Math.Max(lastEvent, _lastIdleRun[i]) >= ticks)
            {
                _stages[i].OnIdle();
                _lastIdleRun[i] = now;
            }
        }
    }
}
