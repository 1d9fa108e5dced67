using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using LowLatency.Kafka;

namespace LowLatency.Cli.Tests;

/// <summary>
/// The Kafka bridge's promise as a user sees it: two <c>bridge consume</c> processes in one group split the
/// partitions; one is killed (SIGKILL, no goodbye) mid-stream; the other takes its partitions over and, in the end,
/// the group has committed every tick, which it only does once the strategy stage has finished that tick.
/// </summary>
public sealed class BridgeFailoverProcessTests : IDisposable
{
    private const int Ticks = 20_000;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(45);
    private readonly MockKafkaCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task TwoConsumers_OneKilledMidStream_SurvivorTakesOverAndNoTickIsLost()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGTERM is a POSIX signal.");
        }

        CancellationToken cancellation = TestContext.Current.CancellationToken;
        string topic = "ticks-" + Guid.NewGuid().ToString("N")[..8];
        // Creates the topic, so both consumers see every partition from the start.
        Assert.Equal(0, CliRunner.Run("bridge", "publish", "--brokers", _cluster.BootstrapServers, "--topic", topic, "--events", "1").ExitCode);
        int partitions = _cluster.PartitionCount(topic, s_timeout);
        Assert.True(partitions >= 2, $"the mock cluster made {partitions} partition(s)");

        using var victim = Consumer.Start(_cluster.BootstrapServers, topic);
        using var survivor = Consumer.Start(_cluster.BootstrapServers, topic);
        Assert.True(await Eventually(() => victim.Assigned.Count > 0 && survivor.Assigned.Count > 0, cancellation),
            "the group did not split: " + victim.Log + "\n---\n" + survivor.Log);
        Assert.Empty(victim.Assigned.Intersect(survivor.Assigned));

        // 8 symbols over the partitions, paced so the kill lands mid-stream.
        Task<(int ExitCode, string Output, string Error)> publishing = Task.Run(() => CliRunner.Run("bridge", "publish",
            "--brokers", _cluster.BootstrapServers, "--topic", topic, "--events", Ticks.ToString(CultureInfo.InvariantCulture),
            "--rate", "10k", "--symbols", "AAA,BBB,CCC,DDD,EEE,FFF,GGG,HHH"), cancellation);
        await Task.Delay(700, cancellation);
        victim.Kill();
        var published = await publishing.WaitAsync(s_timeout, cancellation);
        Assert.Equal(0, published.ExitCode);

        Assert.True(await Eventually(() => AllCommitted(topic, partitions), cancellation),
            "the group did not commit every tick after the failover:\n" + survivor.Log);
        Assert.Equal(Enumerable.Range(0, partitions), survivor.Assigned.Order());

        int exitCode = await survivor.StopAsync(cancellation);
        Assert.True(exitCode == 0, $"survivor exit code {exitCode}:\n{survivor.Log}");
        Assert.Contains("stopped by signal", survivor.Log, StringComparison.Ordinal);
        Assert.Contains("revoked partitions", survivor.Log, StringComparison.Ordinal);
    }

    /// <summary>True when the group's committed offset of every partition is the partition's end: every tick done.</summary>
    private bool AllCommitted(string topic, int partitions)
    {
        using IConsumer<byte[], byte[]> reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = Consumer.Group,
        }).Build();
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        List<TopicPartitionOffset> committed = reader.Committed(all, TimeSpan.FromSeconds(5));
        long total = 0;
        foreach (TopicPartitionOffset c in committed)
        {
            long end = reader.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(5)).High.Value;
            if (c.Offset.Value != end)
            {
                return false;
            }

            total += end;
        }

        return total == Ticks + 1;
    }

    private static async Task<bool> Eventually(Func<bool> condition, CancellationToken cancellation)
    {
        long deadline = Environment.TickCount64 + (long)s_timeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100, cancellation);
        }

        return condition();
    }

    /// <summary>A <c>lowlatency bridge consume</c> child process, its output and the partitions it holds now.</summary>
    private sealed class Consumer : IDisposable
    {
        public const string Group = "failover";
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly object _gate = new();
        private int[] _assigned = [];

        private Consumer(Process process) => _process = process;

        public IReadOnlyCollection<int> Assigned
        {
            get
            {
                lock (_gate)
                {
                    return _assigned;
                }
            }
        }

        public string Log => string.Join('\n', _lines);

        public static Consumer Start(string brokers, string topic)
        {
            var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "lowlatency.dll"), "bridge", "consume",
                "--brokers", brokers, "--topic", topic, "--group", Group, "--ring-size", "1024",
                // A killed member is noticed after the session timeout; short, so the test is.
                "-X", "session.timeout.ms=6000", "-X", "heartbeat.interval.ms=200"])
            {
                startInfo.ArgumentList.Add(arg);
            }

            var consumer = new Consumer(new Process { StartInfo = startInfo });
            consumer._process.OutputDataReceived += (_, e) => consumer.OnLine(e.Data);
            consumer._process.ErrorDataReceived += (_, e) => consumer.OnLine(e.Data);
            Assert.True(consumer._process.Start());
            consumer._process.BeginOutputReadLine();
            consumer._process.BeginErrorReadLine();
            return consumer;
        }

        public void Kill() => _process.Kill(entireProcessTree: true);

        public async Task<int> StopAsync(CancellationToken cancellation)
        {
            using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancellation).WaitAsync(s_timeout, cancellation);
            }

            await _process.WaitForExitAsync(cancellation).WaitAsync(s_timeout, cancellation);
            _process.WaitForExit(); // flushes the redirected output
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            _lines.Enqueue(line);
            // "assigned partitions 0, 2 of t" adds to what this member holds; "revoked ..." and "lost ..." take away.
            string[] words = line.Split(' ', 2);
            if (words[0] is "assigned" or "revoked" or "lost" && words.Length == 2 && words[1].StartsWith("partition", StringComparison.Ordinal))
            {
                string list = words[1][(words[1].IndexOf(' ', StringComparison.Ordinal) + 1)..words[1].LastIndexOf(" of ", StringComparison.Ordinal)];
                int[] partitions = [.. list.Split(", ").Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
                lock (_gate)
                {
                    _assigned = words[0] == "assigned" ? [.. _assigned.Union(partitions)] : [.. _assigned.Except(partitions)];
                }
            }
        }
    }
}
