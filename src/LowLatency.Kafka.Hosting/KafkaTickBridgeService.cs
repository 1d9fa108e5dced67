using LowLatency.Hosting;
using LowLatency.Kafka.Hosting.Internal;
using LowLatency.Market;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowLatency.Kafka.Hosting;

/// <summary>
/// Feeds the hosted pipeline from a Kafka topic through a <see cref="KafkaTickBridge"/>. It works in the host's
/// lifecycle phases around <see cref="MarketPipelineService"/>, so the order holds whatever the registration order
/// or HostOptions.Services*Concurrently:
/// <list type="bullet">
/// <item>starting (before any service starts, so before the stage threads): creates the bridge and, with a signals
/// topic, a <see cref="KafkaSignalSink"/> in front of the <see cref="SignalHub"/>; reserves the ring, so
/// <see cref="MarketPublisher"/> throws;</item>
/// <item>started (the pipeline runs): the bridge joins the group and consumes;</item>
/// <item>stopping (before the pipeline stops): the bridge stops gracefully (in-flight ticks finish, their offsets
/// are committed, the group is left) and the counts are logged;</item>
/// <item>stopped (the pipeline has drained): queued signals are flushed to the signals topic.</item>
/// </list>
/// </summary>
public sealed class KafkaTickBridgeService : IHostedLifecycleService, IDisposable
{
    // The final commit and leaving the group come after the drain; they get this much on top of DrainTimeout.
    private static readonly TimeSpan s_closeGrace = TimeSpan.FromSeconds(5);

    private readonly IOptions<KafkaBridgeHostOptions> _options;
    private readonly MarketPipelineService? _host;
    private readonly string _sectionPath;
    private readonly ILogger _logger;
    private bool _started;

    internal KafkaTickBridgeService(IOptions<KafkaBridgeHostOptions> options, MarketPipelineService? host, string sectionPath,
        ILoggerFactory loggerFactory)
    {
        _options = options;
        _host = host;
        _sectionPath = sectionPath;
        _logger = loggerFactory.CreateLogger<KafkaTickBridgeService>();
    }

    /// <summary>The running bridge, for its live counts; null before the host starts.</summary>
    public KafkaTickBridge? Bridge { get; private set; }

    /// <summary>The sink publishing signals to <see cref="KafkaBridgeHostOptions.SignalsTopic"/>; null without one.</summary>
    public KafkaSignalSink? SignalSink { get; private set; }

    /// <summary>Set once the host stopped the bridge; null before.</summary>
    public KafkaTickBridgeReport? Report { get; private set; }

    public KafkaBridgeHostOptions Options => _options.Value;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        KafkaBridgeHostOptions options = _options.Value; // validated by now (ValidateOnStart runs first)
        MarketPipelineService host = _host ?? throw new InvalidOperationException("AddMarketPipeline was not called.");
        MarketPipeline pipeline = host.Pipeline;
        KafkaSettings settings = options.ToSettings();
        string capacityKey = (ConfigurationPath.GetParentPath(_sectionPath) ?? MarketHostOptions.SectionName) + ":SymbolCapacity";
        Bridge = new KafkaTickBridge(settings, options.ToBridgeOptions(OnBridgeLog, capacityKey), pipeline);
        if (options.SignalsTopicOrNull is { } topic)
        {
            // Set before the stage threads start (the pipeline starts after this phase), so the strategy sees it
            // without a barrier; the hub stays behind it, so subscribers keep getting every signal.
            SignalSink = new KafkaSignalSink(settings, topic, pipeline.Symbols, Bridge, next: pipeline.Trading.Sink, log: OnBridgeLog,
                reasons: pipeline.Reasons);
            pipeline.Trading.Sink = SignalSink;
        }

        host.Publisher.Reserve($"The Kafka bridge ({_sectionPath}) is the ring's only producer: publish ticks to its topic " +
            $"'{options.Topic}' instead of through MarketPublisher.");
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        KafkaBridgeHostOptions options = _options.Value;
        Bridge!.Start();
        _started = true;
        Log.Started(_logger, options.Topic!, options.GroupId!, options.SignalsTopicOrNull ?? "(none)",
            string.IsNullOrEmpty(options.DeadLetterTopic) ? "(none)" : options.DeadLetterTopic);
        return Task.CompletedTask;
    }

    /// <summary>Stops the bridge gracefully, bounded by DrainTimeout plus a few seconds to commit and leave the group.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!_started || Report is not null)
        {
            return Task.CompletedTask; // never started, or already stopped
        }

        KafkaTickBridge bridge = Bridge!;
        TimeSpan timeout = _options.Value.DrainTimeout + s_closeGrace;
        bool stopped = bridge.Stop(timeout);
        if (!stopped)
        {
            Log.NotStopped(_logger, timeout);
        }

        // The bridge is the only producer, so the strategy stage's count is the bridge's processed ticks.
        long processed = _host!.Pipeline.Stages[^1].ProcessedCount;
        Log.Stopped(_logger, bridge.Consumed, processed, bridge.BadMessages, bridge.Commits);
        Dictionary<string, long> badByReason = Enum.GetValues<TickDecodeResult>()
            .Where(r => bridge.BadMessagesOf(r) > 0)
            .ToDictionary(r => r.ToReason(), bridge.BadMessagesOf, StringComparer.Ordinal);
        if (badByReason.Count > 0)
        {
            Log.BadMessagesByReason(_logger, string.Join(", ", badByReason.Select(r => r.Key + " " + r.Value)));
        }

        Report = new KafkaTickBridgeReport(stopped, bridge.Consumed, processed, bridge.BadMessages, bridge.Commits,
            SignalSink?.Delivered ?? 0, SignalSink?.Failed ?? 0, SignalSink?.Dropped ?? 0)
        {
            BadMessagesByReason = badByReason,
            Error = bridge.Error,
            SignalsQueueFullWaits = SignalSink?.QueueFullWaits ?? 0,
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the pipeline has drained, so every signal is queued: flushes them to the signals topic.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (SignalSink is not { } sink || Report is null)
        {
            return Task.CompletedTask;
        }

        TimeSpan timeout = _options.Value.DrainTimeout;
        bool flushed = sink.Flush(timeout);
        string topic = _options.Value.SignalsTopic!;
        if (flushed)
        {
            Log.SignalsFlushed(_logger, topic, sink.Delivered, sink.Failed, sink.Dropped, sink.QueueFullWaits);
        }
        else
        {
            Log.SignalsNotFlushed(_logger, timeout, topic, sink.Delivered, sink.Failed, sink.Dropped, sink.QueueFullWaits, sink.Pending);
        }

        Report = Report with
        {
            SignalsDelivered = sink.Delivered,
            SignalsFailed = sink.Failed,
            SignalsDropped = sink.Dropped,
            SignalsQueueFullWaits = sink.QueueFullWaits,
        };
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Bridge?.Dispose();
        SignalSink?.Dispose();
    }

    /// <summary>On the bridge thread. Its lines carry no level, so it is read from what the line reports.</summary>
    private void OnBridgeLog(string line)
    {
        LogLevel level = line.StartsWith("assigned ", StringComparison.Ordinal) || line.StartsWith("revoked ", StringComparison.Ordinal)
            ? LogLevel.Information
            : line.StartsWith("kafka bridge stopped on error", StringComparison.Ordinal)
                ? LogLevel.Error
                : LogLevel.Warning; // bad messages, commit failures, lost partitions, consume errors
        Log.BridgeLine(_logger, level, line);
    }
}
