using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime;
using LowLatency.Engine;
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
    private readonly MarketHostOptions _options;
    private readonly string _sectionPath;
    private readonly HostedStrategy _strategy;
    private readonly ILogger _logger;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly FaultLog _faults;
    private readonly StageThreadPinning _pinning;
    private readonly StatusMonitor _monitor;
    private readonly CsvSignalWriter? _signalsOut;
    private readonly CsvFillWriter? _fillsOut;
    private HostedInput? _input;
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
        _monitor = new StatusMonitor(Pipeline, Signals, LagWatch, _options.StatusInterval, _logger);

        EventPipeline<MarketEvent> engine = Pipeline.Pipeline;
        engine.ThreadPriority = _options.Threads.Priority;
        engine.FaultReporter = _faults.Report;
        _pinning = new StageThreadPinning(_options.Threads, _options.Topology, _logger);
        if (StageThreadPinning.Applies(_options.Threads))
        {
            engine.ThreadStarting = _pinning.PinStageThread;
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

        _input = HostedInput.Open(_options, Pipeline.RingBuffer, Symbols, _sectionPath, _logger,
            _options.StopWhenInputEnds ? () => _lifetime?.StopApplication() : null);
        _faults.Start();
        Signals.Start();
        Pipeline.Start();
        if (_pinning.Failures() is { } pinFailures)
        {
            Pipeline.Halt();
            ThrowHelper.InvalidOperation(pinFailures);
        }

        _input?.Start();
        _monitor.Start();
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
        if (_input is not null)
        {
            await _input.StopAsync(timeout).ConfigureAwait(false);
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
        Report = StopReport.Build(Pipeline, Signals, drained, stopDuration);
        StopReport.Write(_logger, Report, timeout, Pipeline.State);
        await _monitor.StopAsync(Remaining(start, timeout) + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        _input?.Dispose();
    }

    public void Dispose()
    {
        _input?.Cancel(); // first: the input stops publishing before the pipeline goes
        _monitor.Cancel();
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

    /// <summary>The console's warm-up (<see cref="PipelineWarmup"/>) on a pipeline built as the real one is, the
    /// strategy included and your own stages left out (their events must not reach them).</summary>
    private void WarmUp(CancellationToken cancellation)
    {
        long start = Stopwatch.GetTimestamp();
        long published = PipelineWarmup.Run(symbols => _strategy.Build(_options, _sectionPath, symbols, withStages: false), _options.WarmupEvents,
            _options.SymbolCapacity, _options.Symbols, cancellation);
        Log.WarmedUp(_logger, published, (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
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

    private static TimeSpan Remaining(long start, TimeSpan timeout)
    {
        TimeSpan left = timeout - Stopwatch.GetElapsedTime(start);
        return left > TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100);
    }
}
