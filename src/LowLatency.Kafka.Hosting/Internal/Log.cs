using Microsoft.Extensions.Logging;

namespace LowLatency.Kafka.Hosting.Internal;

/// <summary>Every message the bridge host logs, generated once. Ids start at 100, apart from the pipeline's.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information,
        "Kafka bridge started: topic {Topic}, group {GroupId}, signals topic {SignalsTopic}, dead-letter topic {DeadLetterTopic}")]
    public static partial void Started(ILogger logger, string topic, string groupId, string signalsTopic, string deadLetterTopic);

    /// <summary>A line of the bridge's own log; the level comes from what the line reports.</summary>
    [LoggerMessage(EventId = 101, Message = "Kafka bridge: {Line}")]
    public static partial void BridgeLine(ILogger logger, LogLevel level, string line);

    [LoggerMessage(102, LogLevel.Information,
        "Kafka bridge stopped: {Consumed} messages consumed, {Processed} ticks through the strategy stage, {BadMessages} bad, {Commits} commits")]
    public static partial void Stopped(ILogger logger, long consumed, long processed, long badMessages, long commits);

    [LoggerMessage(103, LogLevel.Error,
        "Kafka bridge did not stop within {Timeout}: ticks still in flight are not committed and will be consumed again")]
    public static partial void NotStopped(ILogger logger, TimeSpan timeout);

    [LoggerMessage(104, LogLevel.Information,
        "Kafka signals: {Delivered} delivered to {Topic}, {Failed} failed attempts (retried), {Dropped} dropped, {QueueFullWaits} queue-full waits")]
    public static partial void SignalsFlushed(ILogger logger, string topic, long delivered, long failed, long dropped, long queueFullWaits);

    [LoggerMessage(105, LogLevel.Warning,
        "Kafka signals not all delivered within {Timeout}: {Pending} still queued, {Delivered} delivered to {Topic}, {Failed} failed attempts (retried), {Dropped} dropped, {QueueFullWaits} queue-full waits")]
    public static partial void SignalsNotFlushed(ILogger logger, TimeSpan timeout, string topic, long delivered, long failed, long dropped,
        long queueFullWaits, long pending);

    [LoggerMessage(106, LogLevel.Warning, "Kafka bridge bad messages by reason: {Reasons}")]
    public static partial void BadMessagesByReason(ILogger logger, string reasons);
}
