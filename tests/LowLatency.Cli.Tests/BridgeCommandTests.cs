using System.Globalization;
using System.Text.RegularExpressions;
using LowLatency.Cli.Tests.Support;
using LowLatency.Kafka;

namespace LowLatency.Cli.Tests;

/// <summary><c>bridge</c> commands in-process against librdkafka's mock cluster.</summary>
public sealed partial class BridgeCommandTests : IDisposable
{
    private readonly MockKafkaCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Theory]
    [InlineData("threshold")]
    [InlineData("vwap-mean-reversion")]
    public void PublishThenConsume_EverySymbolEndsExactlyAsInRun(string strategy)
    {
        string topic = NewTopic(), signals = NewTopic();
        string[] symbols = ["AAPL", "MSFT", "GOOGL", "IBM", "SPY", "QQQ"];

        var publish = CliRunner.Run("bridge", "publish", "--brokers", _cluster.BootstrapServers, "--topic", topic,
            "--events", "12000", "--seed", "5", "--symbols", string.Join(',', symbols));
        var consume = CliRunner.Run("bridge", "consume", "--brokers", _cluster.BootstrapServers, "--topic", topic,
            "--group", "g", "--signals-topic", signals, "--max-events", "12000", "--seconds", "60", "--strategy", strategy);
        var run = CliRunner.Run("run", "--events", "12000", "--seed", "5", "--symbols", string.Join(',', symbols), "--strategy", strategy);

        Assert.Equal(0, publish.ExitCode);
        Assert.Contains("published    12,000 ticks", publish.Output, StringComparison.Ordinal);
        Assert.Contains("delivered    12,000, failed 0, unacknowledged 0", publish.Output, StringComparison.Ordinal);
        Assert.True(consume.ExitCode == 0, consume.Output + consume.Error);
        Assert.Contains("stopped by --max-events", consume.Output, StringComparison.Ordinal);
        Assert.Contains("processed    12,000 ticks; bad messages 0", consume.Output, StringComparison.Ordinal);
        Assert.Matches(@"strategy\s+12,000\s+0", consume.Output);
        Assert.Contains($"\nstrategy     {strategy}: saw 12,000 trades and 0 quotes\n", consume.Output, StringComparison.Ordinal);
        Assert.Matches(@"assigned partitions? [0-9, ]+ of " + topic, consume.Error);

        // Keyed by symbol, each symbol's ticks stay in order on one partition, and every stage keeps per-symbol
        // state: so each symbol's signals and PnL equal the single-process run's, whatever the partition interleaving.
        Dictionary<string, string> expected = PnlRows(run.Output);
        Assert.Equal(symbols.Order(), expected.Keys.Order());
        Assert.Equal(expected, PnlRows(consume.Output));
        Assert.Equal(SummaryText.Orders(run.Output), SummaryText.Orders(consume.Output));

        Match signalLine = SignalsLine().Match(consume.Output);
        Assert.True(signalLine.Success, consume.Output);
        Assert.Equal(SummaryText.Orders(run.Output).Signals.ToString("N0", CultureInfo.InvariantCulture), signalLine.Groups[1].Value);
        Assert.Equal("0", signalLine.Groups[2].Value);
        Assert.Equal("0", signalLine.Groups[3].Value);
        Assert.Equal("0", signalLine.Groups[5].Value); // flushed: nothing left queued

        // The partition line adds up to every tick.
        long perPartition = PartitionCounts().Matches(consume.Output).Sum(m => long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal(12_000, perPartition);
    }

    [Fact]
    public void Consume_SecondRunSameGroup_FindsEverythingCommitted()
    {
        string topic = NewTopic();
        Assert.Equal(0, CliRunner.Run("bridge", "publish", "--brokers", _cluster.BootstrapServers, "--topic", topic, "--events", "3000").ExitCode);
        var first = CliRunner.Run("bridge", "consume", "--brokers", _cluster.BootstrapServers, "--topic", topic, "--group", "g", "--max-events", "3000", "--seconds", "60",
            "--topology", "fused");
        var second = CliRunner.Run("bridge", "consume", "--brokers", _cluster.BootstrapServers, "--topic", topic, "--group", "g", "--seconds", "3");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("processed    3,000 ticks", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"\nstages: [^\n]*\(filter[^\n]*strategy\), topology fused\n", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("stopped by --seconds", second.Output, StringComparison.Ordinal);
        Assert.Contains("processed    0 ticks", second.Output, StringComparison.Ordinal);
        Assert.Matches(@"\nstages: [^\n]*, topology auto on [0-9]+ cores?\n", second.Output);
    }

    [Fact]
    public void Publish_MalformedCsvRow_PublishesTheRowsBeforeItAndExitsThree()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllLines(csv,
        [
            "timestamp,symbol,price,size",
            "2024-01-02T14:30:00Z,AAA,100.5,10",
            "2024-01-02T14:30:01Z,AAA,100.6,20",
            "2024-01-02T14:30:02Z,AAA,not-a-price,30",
            "2024-01-02T14:30:03Z,AAA,100.7,40",
        ]);

        var publish = CliRunner.Run("bridge", "publish", "--brokers", _cluster.BootstrapServers, "--topic", NewTopic(), csv);

        Assert.Equal(3, publish.ExitCode);
        Assert.Contains("published    2 ticks", publish.Output, StringComparison.Ordinal);
        Assert.Contains("delivered    2, failed 0", publish.Output, StringComparison.Ordinal);
        Assert.Contains(csv + ":4", publish.Error, StringComparison.Ordinal);
        Assert.Contains("not-a-price", publish.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", publish.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_SkipBadRows_CountsThemByReasonAndExitsFour()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("ticks.csv");
        File.WriteAllLines(csv,
        [
            "timestamp,symbol,price,size",
            "2024-01-02T14:30:00Z,AAA,100.5,10",
            "2024-01-02T14:30:01Z,AAA,not-a-price,20",
            "2024-01-02T14:30:02Z,AAA,100.7,30,extra",
            "2024-01-02T14:30:03Z,AAA,100.8,40",
        ]);

        var publish = CliRunner.Run("bridge", "publish", "--brokers", _cluster.BootstrapServers, "--topic", NewTopic(), csv, "--skip-bad-rows");

        Assert.True(publish.ExitCode == ExitCodes.IncompleteInput, $"exit {publish.ExitCode}: {publish.Output}{publish.Error}");
        Assert.Contains("published    2 ticks", publish.Output, StringComparison.Ordinal);
        Assert.Matches(@"inputs       rows read \d+, not ticks \(ignored\) 0, bad rows skipped 2 \(", publish.Output);
        Assert.Contains("incomplete input: 2 bad row(s) skipped", publish.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_UnreachableBrokers_ExitsOneNamingTheAddress()
    {
        var publish = CliRunner.Run("bridge", "publish", "--brokers", "127.0.0.1:9", "--topic", "t", "--events", "10", "--flush-timeout", "1");

        Assert.Equal(1, publish.ExitCode);
        Assert.Contains("published    10 ticks", publish.Output, StringComparison.Ordinal);
        Assert.Contains("error: 10 ticks were not acknowledged by 127.0.0.1:9 within --flush-timeout 1 s", publish.Error, StringComparison.Ordinal);
        // The library writes nothing to the console: the command passes the client's own lines to standard error.
        Assert.Contains("kafka: ", publish.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("consume --brokers B --topic t", "--group")]
    [InlineData("consume --topic t --group g", "--brokers")]
    [InlineData("consume --brokers B --topic t --group g -X sasl.password", "--property")]
    [InlineData("consume --brokers B --topic t --group g --seconds -1", "--seconds")]
    [InlineData("consume --brokers B --topic t --group g --ring-size 1000", "--ring-size")]
    [InlineData("publish --brokers B --topic t --rate -5", "--rate")]
    [InlineData("publish --brokers B --topic t --events 0", "--events")]
    [InlineData("mock-cluster --broker-count 0", "--broker-count")]
    public void BadOptions_OneLineNamingTheOptionAndExitTwo(string arguments, string option)
    {
        var result = CliRunner.Run(["bridge", .. arguments.Replace("B", _cluster.BootstrapServers, StringComparison.Ordinal).Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error.Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Property_SecretValueIsNeverPrinted()
    {
        var result = CliRunner.Run("bridge", "consume", "--brokers", "127.0.0.1:9", "--topic", "t", "--group", "g",
            "-X", "sasl.password=hunter2", "-X", "not.a.librdkafka.property=hunter3", "--seconds", "1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("hunter", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("publish --brokers 127.0.0.1:9 --topic t --events 1", "foo=hunter2", "error: --property foo: not a Kafka client property.")]
    [InlineData("publish --brokers 127.0.0.1:9 --topic t --events 1", "socket.timeout.ms=hunter2", "error: --property socket.timeout.ms: the Kafka client refused its value (not shown: it may be a secret).")]
    [InlineData("consume --brokers 127.0.0.1:9 --topic t --group g --seconds 1", "foo=hunter2", "error: --property foo: not a Kafka client property.")]
    [InlineData("consume --brokers 127.0.0.1:9 --topic t --group g --seconds 1", "socket.timeout.ms=hunter2", "error: --property socket.timeout.ms: the Kafka client refused its value (not shown: it may be a secret).")]
    [InlineData("consume --brokers 127.0.0.1:9 --topic t --group g --seconds 1 --signals-topic s", "acks=hunter2", "error: --property request.required.acks: the Kafka client refused its value (not shown: it may be a secret).")]
    public void Property_RejectedByTheClient_OneLineNamingThePropertyNotItsValue(string arguments, string property, string expected)
    {
        var (exit, output, error) = CliRunner.Run(["bridge", .. arguments.Split(' '), "-X", property]);

        Assert.Equal(2, exit);
        CliAssert.OneErrorLine(expected, error);
        Assert.DoesNotContain("hunter2", output + error, StringComparison.Ordinal);
    }

    private static string NewTopic() => "t-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>symbol -> "signals fills position avg-cost mark realized unrealized total", from the summary's PnL table.</summary>
    private static Dictionary<string, string> PnlRows(string output) =>
        PnlRow().Matches(output).ToDictionary(m => m.Groups[1].Value, m => Regex.Replace(m.Groups[2].Value.Trim(), @"\s+", " "));

    [GeneratedRegex(@"^([A-Z]+)\s+((?:[-0-9,.]+\s+){8}[-0-9,.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PnlRow();

    [GeneratedRegex(@"signals      to \S+: delivered ([0-9,]+), dropped ([0-9,]+), failed attempts \(retried\) ([0-9,]+), queue-full waits ([0-9,]+), still queued ([0-9,]+)")]
    private static partial Regex SignalsLine();

    [GeneratedRegex(@"(?<=^partitions .*)\b\d+: ([0-9,]+)", RegexOptions.Multiline)]
    private static partial Regex PartitionCounts();
}
