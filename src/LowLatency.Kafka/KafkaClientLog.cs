using Confluent.Kafka;

namespace LowLatency.Kafka;

/// <summary>
/// Where librdkafka's own log lines go. Warnings and worse reach the caller's log (or standard error); chatter below
/// that is dropped. One warning is dropped too: with one set of <c>-X</c> properties shared by every client, a consumer
/// setting given to a producer (or the reverse) is expected, not a mistake worth a line per client. A client with an
/// error handler gets its errors there, so their log copies are dropped rather than printed twice.
/// </summary>
internal static class KafkaClientLog
{
    public static void Write(LogMessage message, Action<string>? log, bool errorsHandledElsewhere = false)
    {
        if (message.Level > SyslogLevel.Warning || (errorsHandledElsewhere && message.Level < SyslogLevel.Warning) ||
            IsOtherClientsProperty(message))
        {
            return;
        }

        string line = "kafka: " + message.Message;
        if (log is null)
        {
            Console.Error.WriteLine(line);
        }
        else
        {
            log(line);
        }
    }

    private static bool IsOtherClientsProperty(LogMessage message) =>
        message.Facility == "CONFWARN" &&
        (message.Message.Contains("is a consumer property", StringComparison.Ordinal) ||
         message.Message.Contains("is a producer property", StringComparison.Ordinal));
}
