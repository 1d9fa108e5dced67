using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using LowLatency.Kafka;

namespace LowLatency.Cli.Tests;

/// <summary><c>bridge consume</c> at its limits: a full symbol table stops it without losing a tick, and JSON
/// timestamps are read in <c>--timestamp-unit</c>, bad ones counted by reason.</summary>
public sealed partial class BridgeConsumeLimitsTests : IDisposable
{
    private readonly MockKafkaCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public void Consume_MoreSymbolsThanTheCapacity_ExitsOneNamingTheOptionAndARestartWithMoreGetsTheRest()
    {
        string topic = "t-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, CliRunner.Run("bridge", "publish", "--brokers", _cluster.BootstrapServers, "--topic", topic,
            "--events", "3000", "--symbols", "A,B,C,D,E,F").ExitCode);

        var first = CliRunner.Run("bridge", "consume", "--brokers", _cluster.BootstrapServers, "--topic", topic, "--group", "g",
            "--symbol-capacity", "4", "--seconds", "60");

        Assert.Equal(1, first.ExitCode);
        Assert.Matches(@"^error: the Kafka consumer stopped on a fatal error: symbol table full: \S+ \[\d+\] @\d+ \(key '[A-F]'\) brings a new symbol beyond the capacity of 4; .* Raise --symbol-capacity \(e\.g\. to 8\) and restart: consuming resumes at this tick\.$",
            first.Error.Split('\n').First(l => l.StartsWith("error:", StringComparison.Ordinal)));
        Assert.Contains("(stopped by error)", first.Output, StringComparison.Ordinal);
        long processed = Processed(first.Output);
        Assert.InRange(processed, 1, 2999);
        Assert.Contains($"processed    {processed:N0} ticks; bad messages 0;", first.Output, StringComparison.Ordinal);

        var second = CliRunner.Run("bridge", "consume", "--brokers", _cluster.BootstrapServers, "--topic", topic, "--group", "g",
            "--max-events", (3000 - processed).ToString(CultureInfo.InvariantCulture), "--seconds", "60");

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("stopped by --max-events", second.Output, StringComparison.Ordinal);
        Assert.Equal(3000, processed + Processed(second.Output)); // every tick once: the first run committed what it processed
    }

    [Fact]
    public void Consume_JsonInMilliseconds_BadTimestampsCountedByReasonInTheSummary()
    {
        string topic = "t-" + Guid.NewGuid().ToString("N")[..8];
        using (IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build())
        {
            foreach (string json in (string[])[
                """{"price":100,"size":1}""",
                """{"price":100,"size":1,"timestamp":1704205800000000000}""",
                """{"price":100,"size":1,"timestamp":1704205800000}""",
                """{"price":101,"size":1,"timestamp":1704205800001}""",
                """{"price":102,"size":1,"timestamp":1704205800002}"""])
            {
                producer.Produce(topic, new Message<byte[], byte[]> { Key = "AAPL"u8.ToArray(), Value = Encoding.UTF8.GetBytes(json) });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        }

        var (exit, output, error) = CliRunner.Run("bridge", "consume", "--brokers", _cluster.BootstrapServers, "--topic", topic, "--group", "g",
            "--timestamp-unit", "Milliseconds", "--max-events", "3", "--seconds", "60");

        Assert.True(exit == ExitCodes.IncompleteInput, $"exit {exit}: " + output + error);
        Assert.Contains("processed    3 ticks; bad messages 2 (missing timestamp 1, timestamp out of range 1); offset commits", output, StringComparison.Ordinal);
        Assert.Contains("warning: 2 bad message(s) (missing timestamp 1, timestamp out of range 1) skipped;", error, StringComparison.Ordinal);
        Assert.Contains($"bad message (timestamp out of range: not within 2000-01-01..2100-01-01 as Milliseconds): {topic} [", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Consume_UnknownTimestampUnit_ExitTwoNamingTheOption()
    {
        var (exit, _, error) = CliRunner.Run("bridge", "consume", "--brokers", "127.0.0.1:9", "--topic", "t", "--group", "g", "--timestamp-unit", "Minutes");

        Assert.Equal(2, exit);
        Assert.Contains("--timestamp-unit", error.Split('\n')[0], StringComparison.Ordinal);
    }

    private static long Processed(string output) =>
        long.Parse(ProcessedLine().Match(output).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"processed    ([\d,]+) ticks")]
    private static partial Regex ProcessedLine();
}
