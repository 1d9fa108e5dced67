using System.Globalization;
using System.Text.RegularExpressions;
using LowLatency.Cli.Tests.Support;

namespace LowLatency.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public void Run_SmallClassicDemo_PrintsExactStageCountsAndExitsZero()
    {
        var (exit, output, error) = CliRunner.Run("run", "--events", "50000", "--seed", "7");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Matches(@"filter\s+50,000\s+0", output);
        Assert.Matches(@"aggregator\s+50,000\s+0", output);
        Assert.Matches(@"strategy\s+50,000\s+0", output);
        Assert.Contains("published    50,000", output, StringComparison.Ordinal);
        Assert.Contains("AAPL", output, StringComparison.Ordinal);
        Assert.Contains("strategy threshold\n", output, StringComparison.Ordinal);
        Assert.Contains("strategy     threshold: saw 50,000 trades and 0 quotes\n", output, StringComparison.Ordinal);
        var orders = SummaryText.Orders(output);
        Assert.True(orders.Signals > 0);
        Assert.Equal(orders.Signals, orders.Buys + orders.Sells);
        Assert.Equal(orders.Signals, orders.Fills + orders.Open); // market orders only: each fills or is still open
        Assert.Equal(0, orders.Unfilled);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"first 10 of {orders.Signals:N0} signals\n"), output, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"first 10 of {orders.Fills:N0} fills\n"), output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameSeedTwice_PrintsIdenticalSignalsAndPnl()
    {
        string first = SummaryText.TradingSection(CliRunner.Run("run", "--events", "20000", "--seed", "11", "--model", "RandomWalk").Output);
        string second = SummaryText.TradingSection(CliRunner.Run("run", "--events", "20000", "--seed", "11", "--model", "RandomWalk", "--wait", "Yielding").Output);

        Assert.Contains("first 10 of ", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_ThreeProducers_UsesMultiProducerAndProcessesEveryEvent()
    {
        var (exit, output, _) = CliRunner.Run("run", "--events", "30001", "--producers", "3", "--symbols", "AAA,BBB,CCC");

        Assert.Equal(0, exit);
        Assert.Matches(@"strategy\s+30,001\s+0", output);
        Assert.Contains("AAA", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AAPL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PacedRate_Completes()
    {
        var (exit, output, _) = CliRunner.Run("run", "--events", "2000", "--rate", "100k", "--wait", "Blocking");

        Assert.Equal(0, exit);
        Assert.Contains("rate 100,000/s", output, StringComparison.Ordinal);
        Assert.Matches(@"strategy\s+2,000\s+0", output);
    }

    [Theory]
    [InlineData("fused", "stages: 1 thread (filter → aggregator → strategy), topology fused")]
    [InlineData("threaded", "stages: 3 threads (filter | aggregator | strategy), topology threaded")]
    [InlineData("FUSED", "stages: 1 thread (filter → aggregator → strategy), topology fused")]
    public void Run_Topology_PrintsLatencyPercentilesAndTheStageThreads(string topology, string stageLine)
    {
        var (exit, output, error) = CliRunner.Run("run", "--events", "20000", "--rate", "100k", "--topology", topology);

        Assert.True(exit == 0, output + error);
        Assert.Matches(LatencyLine, output);
        Assert.Contains("\n" + stageLine + "\n", output, StringComparison.Ordinal);
        Assert.Matches(@"strategy\s+20,000\s+0", output);
    }

    [Fact]
    public void Run_DefaultTopology_AutoNamesTheCoresAndLeavesOneForTheProducer()
    {
        int cores = Environment.ProcessorCount;
        int threads = Math.Clamp(cores - 1, 1, 3); // consumers = clamp(cores - producer threads, 1, stages)

        var (exit, output, error) = CliRunner.Run("run", "--events", "20000");

        Assert.True(exit == 0, output + error);
        Assert.Matches(LatencyLine, output);
        string core = cores == 1 ? "core" : "cores";
        string layout = threads switch
        {
            1 => Regex.Escape("filter → aggregator → strategy"),
            3 => Regex.Escape("filter | aggregator | strategy"),
            _ => "filter[^()]* \\| [^()]*strategy", // two threads: which pair shares is the engine's choice
        };
        Assert.Matches(string.Create(CultureInfo.InvariantCulture,
            $"\nstages: {threads} {(threads == 1 ? "thread" : "threads")} \\({layout}\\), topology auto on {cores} {core}\n"), output);
    }

    [Theory]
    [InlineData("--ring-size", "1000", "--ring-size")]
    [InlineData("--ring-size", "0", "--ring-size")]
    [InlineData("--events", "abc", "--events")]
    [InlineData("--events", "0", "--events")]
    [InlineData("--producers", "0", "--producers")]
    [InlineData("--rate", "fast", "--rate")]
    [InlineData("--wait", "Sometimes", "--wait")]
    [InlineData("--topology", "sideways", "--topology")]
    [InlineData("--model", "Chaos", "--model")]
    [InlineData("--symbols", "AAPL,AAPL", "--symbols")]
    [InlineData("--symbols", "A$B", "--symbols")]
    [InlineData("--seed", "-1", "--seed")]
    public void Run_InvalidOption_OneLineNamingTheOptionAndExitTwo(string option, string value, string expectedName)
    {
        var (exit, output, error) = CliRunner.Run("run", option, value, "--events", "1000");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string firstLine = error.Split('\n')[0];
        Assert.StartsWith("error: ", firstLine, StringComparison.Ordinal);
        Assert.Contains(expectedName, firstLine, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MoreProducersThanSymbols_ExitTwoNamingProducers()
    {
        var (exit, output, error) = CliRunner.Run("run", "--producers", "4", "--events", "1000");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: --producers: 4 producers need at least 4 symbols", error, StringComparison.Ordinal);
    }

    /// <summary>"latency      ingest -> strategy: p50 2.1 µs, p99 14.2 µs, p99.9 1.3 ms, max 2.4 ms", as replay prints it.</summary>
    private const string LatencyLine =
        @"\nlatency      ingest -> strategy: p50 [0-9.]+ (ns|µs|ms), p99 [0-9.]+ (ns|µs|ms), p99\.9 [0-9.]+ (ns|µs|ms), max [0-9.]+ (ns|µs|ms)\n";

    [Fact]
    public void Run_UnknownOption_ExitTwo()
    {
        var (exit, _, error) = CliRunner.Run("run", "--frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("--frobnicate", error, StringComparison.Ordinal);
    }
}
