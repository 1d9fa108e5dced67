using Confluent.Kafka;

namespace LowLatency.Kafka;

/// <summary>
/// Where a client's own log and error lines go: the caller's log, or nowhere (a library writes nothing to the console;
/// the console tool passes standard error, the host its ILogger). Warnings and worse pass; chatter below that is
/// dropped. Every configured property value is masked, since librdkafka quotes values in some warnings and a value may
/// be a secret. A line repeated within <see cref="RepeatWindowMs"/> is dropped: an unreachable broker
/// is reported on every reconnect attempt. One warning is dropped outright: with one set of <c>-X</c> properties
/// shared by every client, a consumer setting given to a producer (or the reverse) is expected.
/// </summary>
internal sealed class KafkaClientLog
{
    private const long RepeatWindowMs = 10_000;
    private const int ShortestMaskedValue = 4; // "all", "1", "-1": too short to be a secret, and masking them garbles lines

    private readonly Action<string>? _log;
    private readonly string[] _masked;
    private readonly Lock _gate = new(); // librdkafka calls from its own threads
    private readonly Dictionary<string, long> _lastWritten = new(StringComparer.Ordinal);

    public KafkaClientLog(Action<string>? log, KafkaSettings? settings)
    {
        _log = log;
        _masked = settings is null
            ? []
            : [.. settings.Properties.Values.Where(v => v.Length >= ShortestMaskedValue).Distinct().OrderByDescending(v => v.Length)];
    }

    /// <summary>A librdkafka log line. With <paramref name="errorsHandledElsewhere"/> (the client has an error handler
    /// using <see cref="OnError"/>) error-level lines are dropped rather than reported twice.</summary>
    public void OnLog(LogMessage message, bool errorsHandledElsewhere = false)
    {
        if (message.Level > SyslogLevel.Warning || (errorsHandledElsewhere && message.Level < SyslogLevel.Warning) ||
            IsOtherClientsProperty(message))
        {
            return;
        }

        Write(message.Message);
    }

    public void OnError(Error error) => Write(error.Reason);

    /// <summary>A line of our own about this client (a failed delivery being retried), masked and de-duplicated the same way.</summary>
    public void Report(string text) => Write(text);

    private void Write(string text)
    {
        if (_log is null)
        {
            return;
        }

        foreach (string value in _masked)
        {
            text = text.Replace(value, "***", StringComparison.Ordinal);
        }

        long now = Environment.TickCount64;
        lock (_gate)
        {
            if (_lastWritten.TryGetValue(text, out long at) && now - at < RepeatWindowMs)
            {
                return;
            }

            if (_lastWritten.Count > 256)
            {
                _lastWritten.Clear(); // bounded: distinct lines are few; a flood of them just resets the window
            }

            _lastWritten[text] = now;
        }

        _log("kafka: " + text);
    }

    private static bool IsOtherClientsProperty(LogMessage message) =>
        message.Facility == "CONFWARN" &&
        (message.Message.Contains("is a consumer property", StringComparison.Ordinal) ||
         message.Message.Contains("is a producer property", StringComparison.Ordinal));
}
