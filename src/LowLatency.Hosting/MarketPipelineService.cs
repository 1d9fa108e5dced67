using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime;
using LowLatency.Engine;
using LowLatency.Hosting.Inputs;
using LowLatency.Hosting.Internal;
using LowLatency.Market;
using LowLatency.Market.Generation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowLatency.Hosting;

/// <summary>
/// Runs the <see cref="MarketPipeline"/> as a hosted service. Start: optional warm-up, stage threads (priority, CPU
/// pinning), signal dispatch, fault log, the built-in input, a monitor loop. Stop (SIGTERM, Ctrl+C,
/// StopApplication): the input stops, every published event drains through every stage within
/// <see cref="MarketHostOptions.DrainTimeout"/>, queued signals reach the subscribers, and the per-stage counts are
/// logged and kept in <see cref="Report"/>.
/// </summary>
public sealed class MarketPipelineService : IHostedService, IDisposable
{
    private static readonly TimeSpan s_monitorPeriod = TimeSpan.FromMilliseconds(100);

    private readonly MarketHostOptions _options;
    private readonly string _sectionPath;
    private readonly HostedStrategy _strategy;
    private readonly ILogger _logger;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly FaultLog _faults;
    private readonly List<string> _pinFailures = [];
    private readonly Dictionary<int, (string Stage, int Cpu)> _pinnedThreads = []; // managed thread id -> first pin
    private readonly CancellationTokenSource _inputCancel = new();
    private readonly CancellationTokenSource _monitorCancel = new();
    private readonly CsvSignalWriter? _signalsOut;
    private readonly CsvFillWriter? _fillsOut;
    private IMarketInput? _input;
    private Thread? _inputThread;
    private Task _monitor = Task.CompletedTask;
    private int _stopRequested;

    internal MarketPipelineService(IOptions<MarketHostOptions> options, HostedStrategy strategy, string sectionPath, ILoggerFactory loggerFactory,
        IMeterFactory? meterFactory, IHostApplicationLifetime? lifetime)
    {
        _options = options.Value;
        _strategy = strategy;
        _sectionPath = sectionPath;
        _logger = loggerFactory.CreateLogger<MarketPipelineService>();
        _lifetime = lifetime;
        _faults = new FaultLog(_logger, OnHalt);

        Symbols = new SymbolTable(_options.SymbolCapacity);
        foreach (string symbol in _options.Symbols ?? [])
        {
            Symbols.GetOrAdd(symbol);
        }

        Pipeline = strategy.Build(_options, sectionPath, Symbols, withStages: true);
        Signals = new SignalHub(_options.SignalQueueCapacity, _options.SignalQueueFullMode, _logger);
        _signalsOut = OpenCsv(_options.SignalsOut, "SignalsOut", stream => new CsvSignalWriter(stream, Symbols, Pipeline.Reasons));
        _fillsOut = OpenCsv(_options.FillsOut, "FillsOut", stream => new CsvFillWriter(stream, Symbols, Pipeline.Reasons));
        Pipeline.Trading.Sink = SignalSinks.Combine(_signalsOut, _fillsOut, Signals); // the hub last: in Fail mode it throws when full
        bool exclusiveInput = _options.Input != InputKind.None && _options.ProducerType == ProducerType.Single;
        Publisher = new MarketPublisher(Pipeline.RingBuffer, Symbols, exclusiveInput ? _options.Input.ToString() : null);
        LagWatch = new LagWatch(_options.Health.MaxLag > 0 ? _options.Health.MaxLag : _options.RingSize / 2);

        EventPipeline<MarketEvent> engine = Pipeline.Pipeline;
        engine.ThreadPriority = _options.Threads.Priority;
        engine.FaultReporter = _faults.Report;
        if (_options.Threads.AnyPinned && OperatingSystem.IsLinux())
        {
            engine.ThreadStarting = PinStageThread;
        }

        if (meterFactory is not null)
        {
            MarketPipelineInstruments.Create(meterFactory.Create(MarketPipelineMetrics.MeterName), Pipeline, Signals);
        }
    }

    public MarketPipeline Pipeline { get; }

    public SymbolTable Symbols { get; }

    public MarketPublisher Publisher { get; }

    public SignalHub Signals { get; }

    public MarketHostOptions Options => _options;

    /// <summary>Set once the host stopped; null before.</summary>
    public MarketPipelineReport? Report { get; private set; }

    /// <summary>Events the built-in input has published (0 without one).</summary>
    public long InputPublished => _input?.Published ?? 0;

    internal LagWatch LagWatch { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.GcLatencyMode is { } mode)
        {
            GCSettings.LatencyMode = mode;
            Log.GcLatencyModeSet(_logger, GCSettings.LatencyMode.ToString());
        }

        if (_options.WarmupEvents > 0)
        {
            WarmUp(cancellationToken);
        }

        // Opened here, on the starting thread, so a bad file fails the start rather than the input thread.
        _input = _options.Input switch
        {
            InputKind.Generator => new GeneratorInput(Pipeline.RingBuffer, NewGenerator(Symbols), _options.Generator),
            InputKind.Ticks => new TickFileInput(Pipeline.RingBuffer, Symbols, _options.Ticks),
            _ => null,
        };

        _faults.Start();
        Signals.Start();
        Pipeline.Start();
        lock (_pinFailures)
        {
            if (_pinFailures.Count > 0)
            {
                Pipeline.Halt();
                ThrowHelper.InvalidOperation(string.Join(Environment.NewLine, _pinFailures));
            }
        }

        if (_input is not null)
        {
            _inputThread = new Thread(RunInput) { Name = $"{_input.Name.ToLowerInvariant()}-input", IsBackground = true };
            _inputThread.Start();
        }

        _monitor = Task.Run(MonitorAsync, CancellationToken.None);
        Log.Started(_logger, _options.RingSize, _options.ProducerType.ToString(), _options.WaitStrategy.ToString(),
            _options.ExceptionPolicy.ToString(), _options.Input.ToString(), Pipeline.StrategyName, Pipeline.DescribeStageThreads());
        return Task.CompletedTask;
    }

    /// <summary>Stops the input, drains the pipeline, delivers queued signals and logs the counts. Every wait is
    /// bounded by <see cref="MarketHostOptions.DrainTimeout"/>; the host's own shutdown timeout still applies.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) != 0 || Pipeline.State == PipelineState.Configuring)
        {
            return; // never started, or already stopped
        }

        long start = Stopwatch.GetTimestamp();
        TimeSpan timeout = _options.DrainTimeout;
        await _inputCancel.CancelAsync().ConfigureAwait(false);
        if (_inputThread is not null && !_inputThread.Join(timeout))
        {
            // A producer stuck outside the ring; Shutdown below closes the ring under it and still drains.
            Log.InputDidNotStop(_logger, _input!.Name, timeout);
        }

        if (_input is not null)
        {
            Log.InputStopped(_logger, _input.Name, _input.Published);
        }

        bool drained = Pipeline.Shutdown(Remaining(start, timeout));
        TimeSpan stopDuration = Stopwatch.GetElapsedTime(start);
        await _faults.StopAsync(Remaining(start, timeout)).ConfigureAwait(false);
        if (!Signals.Stop(Remaining(start, timeout)))
        {
            Log.SignalsNotDrained(_logger, timeout);
        }

        _signalsOut?.Flush(); // the strategy thread has stopped: nothing writes to them any more
        _fillsOut?.Flush();
        Report = BuildReport(drained, stopDuration);
        LogReport(Report);
        await _monitorCancel.CancelAsync().ConfigureAwait(false);
        await _monitor.WaitAsync(Remaining(start, timeout) + TimeSpan.FromSeconds(1), CancellationToken.None)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _input?.Dispose();
    }

    public void Dispose()
    {
        _inputCancel.Cancel();
        _monitorCancel.Cancel();
        _faults.Complete();
        Pipeline.Dispose();
        Signals.Dispose();
        _input?.Dispose();
        _signalsOut?.Dispose();
        _fillsOut?.Dispose();
    }

    private TWriter? OpenCsv<TWriter>(string? path, string key, Func<Stream, TWriter> create)
        where TWriter : class
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            // Unbuffered: the writer buffers 64 KiB itself, and a FileStream buffer would be allocated mid-run.
            return create(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(MarketHostOptions),
                [$"{_sectionPath}:{key} cannot be written ('{path}'): {ex.Message}"]);
        }
    }

    private void RunInput()
    {
        IMarketInput input = _input!;
        try
        {
            input.Run(_inputCancel.Token);
            if (_inputCancel.IsCancellationRequested)
            {
                return;
            }

            Log.InputEnded(_logger, input.Name, input.Published);
            LogLosses(input);
        }
        catch (PipelineHaltedException)
        {
            return; // the halting fault is logged by the fault log
        }
        catch (SymbolTableFullException ex) when (!_inputCancel.IsCancellationRequested)
        {
            // Not a broken input: the host was sized for fewer symbols. Name the key that sizes it.
            Log.SymbolTableFull(_logger, input.Name, input.Published, ex.Message, _sectionPath + ":SymbolCapacity");
        }
        catch (Exception ex) when (!_inputCancel.IsCancellationRequested)
        {
            Log.InputFailed(_logger, ex, input.Name, input.Published);
        }
        catch (Exception) when (_inputCancel.IsCancellationRequested)
        {
            return; // stopping: a claim on the closed ring or a cancelled read is the expected way out
        }

        if (_options.StopWhenInputEnds)
        {
            _lifetime?.StopApplication();
        }
    }

    /// <summary>Never lose data silently: what the input skipped or found damaged is a warning, with counts by reason.</summary>
    private void LogLosses(IMarketInput input)
    {
        if (input.Losses is not { IsComplete: false } losses)
        {
            return;
        }

        Log.InputIncomplete(_logger, input.Name, losses.DescribeSkipped(), losses.Damage.Count);
        foreach (string damage in losses.Damage)
        {
            Log.InputDamaged(_logger, input.Name, damage);
        }
    }

    private async Task MonitorAsync()
    {
        using var timer = new PeriodicTimer(s_monitorPeriod);
        long statusTicks = (long)(_options.StatusInterval.TotalSeconds * Stopwatch.Frequency);
        long lastStatus = Stopwatch.GetTimestamp();
        long lastProcessed = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_monitorCancel.Token).ConfigureAwait(false))
            {
                long now = Stopwatch.GetTimestamp();
                LagWatch.Sample(Pipeline.Lag, now);
                if (statusTicks > 0 && now - lastStatus >= statusTicks)
                {
                    long processed = Pipeline.Stages[^1].ProcessedCount;
                    long rate = (long)((processed - lastProcessed) * (double)Stopwatch.Frequency / (now - lastStatus));
                    LogStatus(processed, rate);
                    lastStatus = now;
                    lastProcessed = processed;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void LogStatus(long processed, long rate)
    {
        long failed = 0;
        foreach (IEventProcessor stage in Pipeline.Stages)
        {
            failed += stage.FailureCount;
        }

        Log.Status(_logger, processed, rate, Pipeline.Lag, Pipeline.Trading.Signals.TotalCount, Signals.Dropped,
            Pipeline.Filter.FilteredCount, failed);
    }

    /// <summary>
    /// Pushes generated events through a separate pipeline built the same way (the strategy included, your own stages
    /// left out), then throws it away: the shared code reaches tier-1 JIT before the first real event, and the real
    /// pipeline's state (symbols, prices, positions, signals, counters) is untouched.
    /// </summary>
    private void WarmUp(CancellationToken cancellation)
    {
        long start = Stopwatch.GetTimestamp();
        string[]? through = _options.Filter.AllowedSymbols is { Length: > 0 } allowed ? allowed : _options.Symbols;
        long published = PipelineWarmup.Run(symbols => _strategy.Build(_options, _sectionPath, symbols, withStages: false), _options.WarmupEvents,
            _options.SymbolCapacity, through, cancellation);
        Log.WarmedUp(_logger, published, (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private MarketEventGenerator NewGenerator(SymbolTable symbols) => new(symbols, new MarketEventGeneratorOptions
    {
        Symbols = _options.Symbols is { Length: > 0 } names ? names : null,
        Seed = _options.Generator.Seed,
        Model = _options.Generator.Model,
    });

    /// <summary>
    /// The engine's ThreadStarting hook: runs on each stage's thread, before its first event. Stages fused onto one
    /// thread share its CPU, so two of them pinned to different CPUs is a configuration error.
    /// </summary>
    private void PinStageThread(IEventProcessor stage)
    {
        if (!OperatingSystem.IsLinux() || _options.Threads.CpuOf(stage.Name) is not { } cpu)
        {
            return;
        }

        lock (_pinFailures)
        {
            if (_pinnedThreads.TryGetValue(Environment.CurrentManagedThreadId, out (string Stage, int Cpu) first))
            {
                if (first.Cpu != cpu)
                {
                    _pinFailures.Add($"Stages '{first.Stage}' and '{stage.Name}' run on one thread (LowLatency:Topology " +
                        $"{_options.Topology}) but LowLatency:Threads pins them to CPUs {first.Cpu} and {cpu}: pin one of them, " +
                        "or set LowLatency:Topology to Threaded.");
                }

                return;
            }

            _pinnedThreads[Environment.CurrentManagedThreadId] = (stage.Name, cpu);
        }

        int errno = CpuAffinity.PinCurrentThread(cpu);
        if (errno == 0)
        {
            Log.Pinned(_logger, stage.Name, cpu);
            return;
        }

        lock (_pinFailures)
        {
            _pinFailures.Add($"Stage '{stage.Name}' could not be pinned to CPU {cpu} (LowLatency:Threads): sched_setaffinity " +
                $"failed with errno {errno}{(errno == 22 ? " (EINVAL: that CPU is not available to this process)" : "")}.");
        }
    }

    private void OnHalt()
    {
        if (_options.StopHostOnHalt && _lifetime is not null)
        {
            Log.StoppingOnHalt(_logger);
            // Not inline: stopping runs StopAsync, which waits for the fault log loop this is called from.
            ThreadPool.QueueUserWorkItem(static lifetime => lifetime.StopApplication(), _lifetime, preferLocal: false);
        }
    }

    private MarketPipelineReport BuildReport(bool drained, TimeSpan stopDuration)
    {
        var stages = new StageReport[Pipeline.Stages.Count];
        for (int i = 0; i < stages.Length; i++)
        {
            IEventProcessor stage = Pipeline.Stages[i];
            stages[i] = new StageReport(stage.Name, stage.ProcessedCount, stage.FailureCount);
        }

        return new MarketPipelineReport(drained, Pipeline.RingBuffer.Sequencer.HighestClaimed + 1, stages,
            Pipeline.Trading.Signals.TotalCount, Signals.Dropped, stopDuration);
    }

    private void LogReport(MarketPipelineReport report)
    {
        foreach (StageReport stage in report.Stages)
        {
            Log.StageProcessed(_logger, stage.Name, stage.Processed, stage.Failed);
        }

        if (report.Drained)
        {
            Log.Drained(_logger, report.Published, (long)report.StopDuration.TotalMilliseconds, report.Signals, report.SignalsDropped);
        }
        else
        {
            Log.NotDrained(_logger, _options.DrainTimeout, Pipeline.State.ToString(), report.Published, report.Stages[^1].Processed);
        }
    }

    private static TimeSpan Remaining(long start, TimeSpan timeout)
    {
        TimeSpan left = timeout - Stopwatch.GetElapsedTime(start);
        return left > TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100);
    }
}
