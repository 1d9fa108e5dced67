using System.Diagnostics;
using LowLatency.Engine.Internal;

namespace LowLatency.Engine;

/// <summary>
/// A ring buffer plus a graph of handlers: <c>HandleEventsWith(a).Then(b)</c> chains stages,
/// <c>HandleEventsWith(a, b).Then(c)</c> runs a and b in parallel and c after both. Producers publish through
/// <see cref="RingBuffer"/>; the ring never laps the slowest last stage. <see cref="Topology"/> decides whether each
/// stage gets its own thread or consecutive stages share one.
/// </summary>
/// <remarks>
/// Handlers are added before <see cref="Start()"/>, and events may be published before, between and after those calls.
/// A handler gates producers from the moment it is added, so nothing it has not read is ever overwritten. A first
/// stage starts at the ring's highest claimed sequence: it sees every event claimed after it was added and none
/// claimed before (with no handler yet, the ring laps freely and those slots are gone). A later stage starts where
/// its predecessors start, so it sees every event they see. Several pipelines may share one ring: their gates add up.
/// </remarks>
public sealed class EventPipeline<T> : IDisposable, IProcessorHost
    where T : unmanaged
{
    private const int MaxKeptFaults = 10;

    /// <summary>Default of <see cref="CoalesceBatch"/>.</summary>
    public const int DefaultCoalesceBatch = 1024;

    private readonly List<IStage> _processors = [];
    private StageThread<T>[] _threads = [];
    private readonly HashSet<Sequence> _dependedOn = [];
    private readonly object _lifecycle = new();
    private CountdownEvent? _started;
    private Sequence[] _allSequences = [];
    private Sequence[] _gatingSequences = [];
    private int _state = (int)PipelineState.Configuring;
    private readonly List<HandlerFault> _firstFaults = [];
    private long _faultCount;
    private long _reporterFailures;
    private HandlerFault? _haltingFault;
    private ExceptionPolicy _defaultExceptionPolicy = ExceptionPolicy.LogAndContinue;
    private int _producerThreads = 1;
    private int _coalesceBatch = DefaultCoalesceBatch;
    private int _cores = TopologyPlan.AvailableCores;

    public EventPipeline(int ringSize, ProducerType producerType = ProducerType.Single, IWaitStrategy? waitStrategy = null)
        : this(RingBuffer<T>.Create(producerType, ringSize, waitStrategy))
    {
    }

    public EventPipeline(RingBuffer<T> ringBuffer)
    {
        ArgumentNullException.ThrowIfNull(ringBuffer);
        RingBuffer = ringBuffer;
    }

    public RingBuffer<T> RingBuffer { get; }

    public PipelineState State => (PipelineState)Volatile.Read(ref _state);

    /// <summary>
    /// Policy of every handler added without its own (<see cref="HandlerOptions.ExceptionPolicy"/>), whether it was
    /// added before or after this is set. Default: log and continue. Set it before <see cref="Start()"/>: setting it
    /// afterwards throws, so a running handler's policy never changes under it.
    /// </summary>
    public ExceptionPolicy DefaultExceptionPolicy
    {
        get => _defaultExceptionPolicy;
        set
        {
            lock (_lifecycle)
            {
                if (State != PipelineState.Configuring)
                {
                    ThrowHelper.InvalidOperation(
                        $"Set DefaultExceptionPolicy before Start: the pipeline is {State} and its handlers keep the policy they started with.");
                }

                _defaultExceptionPolicy = value;
            }
        }
    }

    /// <summary>
    /// Called on the failing handler's thread for every fault: route faults to your logging here. Unset, nothing is
    /// written anywhere (a library does not own the console): faults are counted (<see cref="FaultCount"/>, per stage
    /// <see cref="IEventProcessor.FailureCount"/>) and the first ten kept (<see cref="FirstFaults"/>).
    /// </summary>
    public Action<HandlerFault>? FaultReporter { get; set; }

    /// <summary>Faults so far, of every stage (OnStart/OnShutdown and ThreadStarting failures included).</summary>
    public long FaultCount => Interlocked.Read(ref _faultCount);

    /// <summary>The first ten faults, in the order they were reported.</summary>
    public IReadOnlyList<HandlerFault> FirstFaults
    {
        get
        {
            lock (_firstFaults)
            {
                return [.. _firstFaults];
            }
        }
    }

    /// <summary>Faults whose <see cref="FaultReporter"/> threw (the fault itself is still counted and kept).</summary>
    public long ReporterFailureCount => Interlocked.Read(ref _reporterFailures);

    /// <summary>How stages map onto threads at <see cref="Start()"/>; default <see cref="StageTopology.Auto"/>.</summary>
    public StageTopology Topology { get; set; } = StageTopology.Auto;

    /// <summary>Busy producer threads that <see cref="StageTopology.Auto"/> leaves cores for; default 1.</summary>
    public int ProducerThreads
    {
        get => _producerThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _producerThreads = value;
        }
    }

    /// <summary>Cores <see cref="StageTopology.Auto"/> plans for; default <see cref="TopologyPlan.AvailableCores"/>.</summary>
    public int Cores
    {
        get => _cores;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _cores = value;
        }
    }

    /// <summary>
    /// While producers stream events in (a stage thread found more than one event waiting twice in a row), it waits
    /// up to a few microseconds, polling about once a microsecond and only while each poll finds at least 16 new
    /// events, for a batch of this many; slots then cross cores in bulk. Paced events (one per wait) never wait.
    /// Default 1,024; 0 turns it off. Set it before <see cref="Start()"/>.
    /// </summary>
    public int CoalesceBatch
    {
        get => _coalesceBatch;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _coalesceBatch = value;
        }
    }

    /// <summary>Priority of the handler threads, applied at <see cref="Start()"/>.</summary>
    public ThreadPriority ThreadPriority { get; set; } = ThreadPriority.Normal;

    /// <summary>
    /// Called on each handler's thread before its OnStart (once per stage, so several times on a thread that runs
    /// fused stages): per-thread setup such as CPU affinity, which Linux applies only to the calling thread. Set it before <see cref="Start()"/>; an exception is reported as a fault of
    /// that handler at sequence -1, like one thrown by OnStart.
    /// </summary>
    public Action<IEventProcessor>? ThreadStarting { get; set; }

    public IReadOnlyList<IEventProcessor> Processors => _processors;

    /// <summary>The threads <see cref="Start()"/> created, each with the stages it runs in order; empty before Start.</summary>
    public IReadOnlyList<IReadOnlyList<IEventProcessor>> StageThreads { get; private set; } = [];

    /// <summary>The fault that halted the pipeline, if a handler with <see cref="ExceptionPolicy.Halt"/> failed.</summary>
    public HandlerFault? HaltingFault => _haltingFault;

    /// <summary>Events claimed but not yet finished by the slowest last stage: cursor minus slowest consumer.</summary>
    public long Lag
    {
        get
        {
            long cursor = RingBuffer.Sequencer.HighestClaimed;
            return cursor - Sequence.Minimum(Volatile.Read(ref _gatingSequences), cursor);
        }
    }

    public HandlerGroup<T> HandleEventsWith<TH>(TH handler, HandlerOptions options = default)
        where TH : struct, IEventHandler<T> =>
        new(this, [AddProcessor(handler, options, [])], []);

    public HandlerGroup<T> HandleEventsWith<TA, TB>(TA first, TB second)
        where TA : struct, IEventHandler<T>
        where TB : struct, IEventHandler<T> =>
        new(this, [AddProcessor(first, default, []), AddProcessor(second, default, [])], []);

    public HandlerGroup<T> HandleEventsWith<TA, TB, TC>(TA first, TB second, TC third)
        where TA : struct, IEventHandler<T>
        where TB : struct, IEventHandler<T>
        where TC : struct, IEventHandler<T> =>
        new(this, [AddProcessor(first, default, []), AddProcessor(second, default, []), AddProcessor(third, default, [])], []);

    /// <summary>The processor running <typeparamref name="TH"/> (the first one if it was added twice).</summary>
    public EventProcessor<T, TH> GetProcessor<TH>()
        where TH : struct, IEventHandler<T>
    {
        foreach (IEventProcessor p in _processors)
        {
            if (p is EventProcessor<T, TH> typed)
            {
                return typed;
            }
        }

        throw new InvalidOperationException($"No handler of type {typeof(TH).Name} was added to this pipeline.");
    }

    internal EventProcessor<T, TH> AddProcessor<TH>(TH handler, HandlerOptions options, Sequence[] after)
        where TH : struct, IEventHandler<T>
    {
        lock (_lifecycle)
        {
            if (State != PipelineState.Configuring)
            {
                ThrowHelper.InvalidOperation("Handlers must be added before the pipeline starts.");
            }

            if (options.MaxBatchSize is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.MaxBatchSize, "MaxBatchSize must be at least 1.");
            }

            if (options.IdleTimeout is { } idle && (idle <= TimeSpan.Zero || idle == Timeout.InfiniteTimeSpan))
            {
                throw new ArgumentOutOfRangeException(nameof(options), idle, "IdleTimeout must be positive and finite.");
            }

            var processor = new EventProcessor<T, TH>(RingBuffer, handler, options.Name ?? typeof(TH).Name, options, after, this);
            foreach (Sequence s in after)
            {
                _dependedOn.Add(s);
            }

            _processors.Add(processor);

            // Gate producers from the first handler on, so events published before Start wait instead of lapping.
            // A first stage starts at the highest claimed sequence (what was published before it is not for it); a
            // later stage takes over its predecessors' gate and position, so it sees every event they see.
            if (after.Length == 0)
            {
                RingBuffer.Sequencer.AddGatingSequences(processor.Sequence);
            }
            else
            {
                RingBuffer.Sequencer.AddFollower(processor.Sequence, after);
            }

            _gatingSequences = GatingSequences();
            _allSequences = AllSequences();
            return processor;
        }
    }

    /// <summary>
    /// Starts the stage threads <see cref="Topology"/> asks for and returns once every handler ran its OnStart.
    /// </summary>
    public void Start() => Start(null);

    /// <summary>
    /// As <see cref="Start()"/>, first handing <paramref name="beforeThreadsStart"/> the stage threads it is about to
    /// start (each with its stages in order), so state shared by stages can be sized for them while nothing runs yet.
    /// </summary>
    public void Start(Action<IReadOnlyList<IReadOnlyList<IEventProcessor>>>? beforeThreadsStart)
    {
        lock (_lifecycle)
        {
            if (State != PipelineState.Configuring)
            {
                ThrowHelper.InvalidOperation($"The pipeline cannot start: it is {State}. A pipeline starts once.");
            }

            if (_processors.Count == 0)
            {
                ThrowHelper.InvalidOperation("The pipeline has no handlers: add one with HandleEventsWith before Start.");
            }

            _threads = PlanThreads();
            StageThreads = [.. _threads.Select(t => t.Stages)];
            beforeThreadsStart?.Invoke(StageThreads);
            _started = new CountdownEvent(_processors.Count);
            Volatile.Write(ref _state, (int)PipelineState.Running);
            foreach (StageThread<T> thread in _threads)
            {
                thread.Start(ThreadPriority);
            }
        }

        if (!_started.Wait(TimeSpan.FromSeconds(30)))
        {
            Halt();
            ThrowHelper.InvalidOperation("Handler threads did not start within 30 s.");
        }
    }

    /// <summary>
    /// Graceful stop: refuses new claims, waits until every handler processed every claimed event, then stops the
    /// threads. Stop your producers first. Returns false if the events were not all processed within
    /// <paramref name="timeout"/> (or the pipeline halted); the threads are stopped either way.
    /// </summary>
    public bool Shutdown(TimeSpan timeout)
    {
        long deadline = Deadline(timeout);
        Sequencer sequencer = RingBuffer.Sequencer;
        sequencer.Close();
        bool drained = State switch
        {
            PipelineState.Running => WaitUntilDrained(deadline),
            PipelineState.Stopped => true,
            // Never started: drained only if nothing was published, since no handler will ever see it.
            PipelineState.Configuring => sequencer.HighestClaimed == Sequence.InitialValue,
            _ => false,
        };

        bool stopped = StopThreads(deadline);

        // A producer that slipped a claim in while the ring was closing: its event was not processed.
        drained &= _allSequences.Length == 0 || Sequence.Minimum(_allSequences, long.MinValue) >= sequencer.HighestClaimed;
        Interlocked.CompareExchange(ref _state, (int)PipelineState.Stopped, (int)PipelineState.Running);
        Interlocked.CompareExchange(ref _state, (int)PipelineState.Stopped, (int)PipelineState.Configuring);
        return drained && stopped && State == PipelineState.Stopped;
    }

    /// <summary>
    /// Waits, without stopping anything, until every handler has finished every event claimed so far. Returns false
    /// on timeout or halt. Allocation-free, so it can sit inside a measured steady-state run.
    /// </summary>
    public bool Drain(TimeSpan timeout) => State == PipelineState.Running && WaitUntilDrained(Deadline(timeout));

    /// <summary>Stopwatch timestamp <paramref name="timeout"/> from now; infinite or huge timeouts never expire.</summary>
    private static long Deadline(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan || timeout.TotalSeconds * Stopwatch.Frequency >= long.MaxValue / 2)
        {
            return long.MaxValue;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        return Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    private bool WaitUntilDrained(long deadline)
    {
        var spinner = new SpinWait();
        long target = RingBuffer.Sequencer.HighestClaimed;
        Sequence[] all = _allSequences;
        while (Sequence.Minimum(all, target) < target)
        {
            if (State == PipelineState.Halted || Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: 20);
        }

        return true;
    }

    /// <summary>Stops every handler now, whatever is left in the ring, and makes producers' claims throw.</summary>
    public void Halt()
    {
        if (Interlocked.Exchange(ref _state, (int)PipelineState.Halted) == (int)PipelineState.Halted)
        {
            return;
        }

        RingBuffer.Sequencer.Halt();
        StopThreads(Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5);
    }

    public void Dispose()
    {
        if (State is PipelineState.Running or PipelineState.Configuring)
        {
            Halt();
        }

        _started?.Dispose();
    }

    /// <summary>Alerts every handler and joins its thread; false if one is still running (stuck in a handler).</summary>
    private bool StopThreads(long deadline)
    {
        RingBuffer.Sequencer.MarkConsumersStopped();
        StageThread<T>[] threads = Volatile.Read(ref _threads);
        foreach (StageThread<T> thread in threads)
        {
            thread.Barrier.Alert();
        }

        bool allStopped = true;
        foreach (StageThread<T> thread in threads)
        {
            // Thread.Join takes at most int.MaxValue ms; an alerted handler stops in microseconds anyway.
            double remainingMs = Math.Max(0, (double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency * 1000) + 1000;
            allStopped &= thread.Join(TimeSpan.FromMilliseconds(Math.Min(remainingMs, int.MaxValue - 1)));
        }

        return allStopped;
    }

    /// <summary>
    /// The stage threads <see cref="Start()"/> would create with the settings as they are now: consecutive stages, in the
    /// order added, split into the threads <see cref="Topology"/> asks for. Lets code that sizes per-stage state (a
    /// buffer between two stages, say) know before Start which stages will share a thread.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<IEventProcessor>> PlanStageThreads()
    {
        int threadCount = TopologyPlan.ThreadCount(Topology, _processors.Count, Cores, ProducerThreads);
        int[] sizes = TopologyPlan.Split(_processors.Count, threadCount);
        var threads = new IReadOnlyList<IEventProcessor>[sizes.Length];
        int first = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            threads[i] = _processors.GetRange(first, sizes[i]);
            first += sizes[i];
        }

        return threads;
    }

    private StageThread<T>[] PlanThreads() =>
        [.. PlanStageThreads().Select(stages => new StageThread<T>(RingBuffer, [.. stages.Cast<IStage>()], this, CoalesceBatch))];

    void IProcessorHost.OnProcessorStarting(IEventProcessor processor)
    {
        try
        {
            ThreadStarting?.Invoke(processor);
        }
        catch (Exception ex)
        {
            ((IProcessorHost)this).OnFault(new HandlerFault(processor.Name, Sequence.InitialValue, ex, processor.ExceptionPolicy));
        }
    }

    void IProcessorHost.OnProcessorStarted()
    {
        try
        {
            _started?.Signal();
        }
        catch (ObjectDisposedException)
        {
            // Start gave up waiting and the pipeline was disposed; this late thread just runs into the alert.
        }
    }

    void IProcessorHost.OnFault(in HandlerFault fault)
    {
        // A library does not write to the console: every fault is counted and the first ones kept; the host or the
        // application decides where they go (FaultReporter), and a reporter that throws is counted too.
        if (Interlocked.Increment(ref _faultCount) <= MaxKeptFaults)
        {
            lock (_firstFaults)
            {
                _firstFaults.Add(fault);
            }
        }

        if (FaultReporter is { } report)
        {
            try
            {
                report(fault);
            }
            catch (Exception)
            {
                // A broken reporter must not kill the handler thread, nor skip the halt below.
                Interlocked.Increment(ref _reporterFailures);
            }
        }

        if (fault.Policy == ExceptionPolicy.Halt)
        {
            lock (_lifecycle)
            {
                _haltingFault ??= fault; // the first halting fault wins, even when two handlers fail at once
            }

            Halt();
        }
    }

    private Sequence[] GatingSequences()
    {
        var gating = new List<Sequence>();
        foreach (IEventProcessor p in _processors)
        {
            if (!_dependedOn.Contains(p.Sequence))
            {
                gating.Add(p.Sequence);
            }
        }

        return [.. gating];
    }

    private Sequence[] AllSequences()
    {
        var all = new Sequence[_processors.Count];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = _processors[i].Sequence;
        }

        return all;
    }
}
