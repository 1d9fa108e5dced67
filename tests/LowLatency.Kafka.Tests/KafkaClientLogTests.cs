using Confluent.Kafka;

namespace LowLatency.Kafka.Tests;

[Collection(StandardErrorCollection.Name)]
public sealed class KafkaClientLogTests
{
    private static readonly KafkaSettings s_settings = new()
    {
        BootstrapServers = "b:9092",
        Properties = new Dictionary<string, string> { ["sasl.password"] = "hunter2secret", ["sasl.mechanism"] = "PLAIN", ["acks"] = "all" },
    };

    [Fact]
    public void OnLog_MasksEveryConfiguredValueOfFourCharactersOrMore()
    {
        var lines = new List<string>();
        var log = new KafkaClientLog(lines.Add, s_settings);

        log.OnLog(new LogMessage("rdkafka#consumer-1", SyslogLevel.Warning, "CONFWARN", "Property `sasl.password` set to `hunter2secret` is odd, `all` too"));
        log.OnError(new Error(ErrorCode.SaslAuthenticationFailed, "Authentication with hunter2secret failed for PLAIN"));

        Assert.Equal(
        [
            "kafka: Property `sasl.password` set to `***` is odd, `all` too",
            "kafka: Authentication with *** failed for ***",
        ], lines);
    }

    [Fact]
    public void OnLog_DropsChatterRepeatsAndOtherClientsProperties()
    {
        var lines = new List<string>();
        var log = new KafkaClientLog(lines.Add, settings: null);

        log.OnLog(new LogMessage("p", SyslogLevel.Info, "BROKER", "connected"));
        log.OnLog(new LogMessage("p", SyslogLevel.Error, "FAIL", "Connect to 127.0.0.1:9 failed"));
        log.OnLog(new LogMessage("p", SyslogLevel.Error, "FAIL", "Connect to 127.0.0.1:9 failed")); // a reconnect attempt later
        log.OnLog(new LogMessage("p", SyslogLevel.Warning, "CONFWARN", "Configuration property session.timeout.ms is a consumer property and will be ignored by this producer instance"));
        log.OnLog(new LogMessage("p", SyslogLevel.Warning, "CONFWARN", "Configuration property foo.bar is unknown"));

        Assert.Equal(["kafka: Connect to 127.0.0.1:9 failed", "kafka: Configuration property foo.bar is unknown"], lines);
    }

    [Fact]
    public void OnLog_WithAnErrorHandler_ErrorLinesAreLeftToIt()
    {
        var lines = new List<string>();
        var log = new KafkaClientLog(lines.Add, settings: null);

        log.OnLog(new LogMessage("c", SyslogLevel.Error, "FAIL", "Connect failed"), errorsHandledElsewhere: true);
        log.OnLog(new LogMessage("c", SyslogLevel.Warning, "SESSTMOUT", "session timed out"), errorsHandledElsewhere: true);

        Assert.Equal(["kafka: session timed out"], lines);
    }

    [Fact]
    public void OnLog_WithoutALog_WritesNothingToStandardError()
    {
        using var stderr = new StandardErrorCapture();
        var log = new KafkaClientLog(log: null, s_settings);

        log.OnLog(new LogMessage("p", SyslogLevel.Error, "FAIL", "Connect to 127.0.0.1:9 failed"));
        log.OnError(new Error(ErrorCode.Local_AllBrokersDown, "1/1 brokers are down"));
        log.Report("delivery failed; retrying");

        Assert.Equal("", stderr.Text);
    }
}
