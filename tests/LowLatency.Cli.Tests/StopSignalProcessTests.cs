using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LowLatency.Cli.Tests.Support;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Cli.Tests;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM on a real <c>lowlatency</c> process: the input stops, what was published drains, the
/// summary says it is partial, the report is written, and the exit code is 128 + the signal (130, 143).
/// </summary>
public sealed partial class StopSignalProcessTests
{
    [Fact]
    public async Task Replay_SigintWhilePacedAtRecordedSpeed_Exit130WithThePartialSummaryAndReport()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");
        using var dir = new TempDirectory();
        string report = dir.File("report");

        // At 1x the day would take 16 hours; a progress line says the replay loop runs.
        using CliProcess replay = await InterruptAsync("INT", p => p.Error.Contains("progress: ", StringComparison.Ordinal), "a progress line",
            "replay", spy, "--speed", "1x", "--report", report);

        long published = AssertInterrupted(replay, "SIGINT", 130, "the input was stopped");
        using JsonDocument summary = ReportFolder.Read(report);
        AssertPartial(summary.RootElement, "SIGINT", published);

        // Paced at 1x, nothing is published before it is due: the recorded time covered fits in the process's life.
        // (The day opens with trades minutes apart, so one event too many shows as minutes.)
        TimeSpan covered = Time(summary.RootElement, "lastEvent") - Time(summary.RootElement, "firstEvent");
        Assert.True(covered <= replay.Elapsed,
            $"{published:N0} events covering {covered} of recorded time were published in the {replay.Elapsed} the process ran:\n{replay}");
    }

    [Fact]
    public async Task Run_SigtermWhileGenerating_Exit143WithThePartialSummaryAndReport()
    {
        using var dir = new TempDirectory();
        string report = dir.File("report");

        // 10,000 s of events at 100k/s: only a signal ends it. Its "run:" line comes after the handlers are registered.
        using CliProcess run = await InterruptAsync("TERM", p => p.Output.StartsWith("run: ", StringComparison.Ordinal), "the run: line",
            "run", "--events", "1g", "--rate", "100k", "--report", report);

        long published = AssertInterrupted(run, "SIGTERM", 143, "the generator was stopped");
        using JsonDocument summary = ReportFolder.Read(report);
        AssertPartial(summary.RootElement, "SIGTERM", published);
        Assert.Matches(string.Create(CultureInfo.InvariantCulture, $@"\npublished +{published:N0}\n"), run.Output);

        // The warm-up is the first 1,000,000 events (10 s here): a stop inside it leaves no measured part to report.
        Match throughput = ThroughputLine().Match(run.Output);
        Assert.True(throughput.Success, run.ToString());
        long measured = long.Parse(throughput.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(measured >= 0 && measured <= published, $"measured {measured:N0} of {published:N0} published events: {throughput.Value}");
    }

    /// <summary>Starts the tool, waits until <paramref name="ready"/> holds, lets it work a second, sends the signal
    /// and waits for the exit.</summary>
    private static async Task<CliProcess> InterruptAsync(string signal, Func<CliProcess, bool> ready, string what, params string[] args)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGINT and SIGTERM are POSIX signals.");
        }

        CancellationToken cancellation = TestContext.Current.CancellationToken;
        CliProcess cli = CliProcess.Start(args);
        try
        {
            await cli.WaitUntilAsync(ready, what, cancellation);
            await Task.Delay(1_000, cancellation);
            await cli.SignalAndWaitForExitAsync(signal, cancellation);
            return cli;
        }
        catch
        {
            cli.Dispose();
            throw;
        }
    }

    /// <summary>The exit code, the INTERRUPTED line on standard output (events published, returned) and the line on
    /// standard error; the report was finished.</summary>
    private static long AssertInterrupted(CliProcess cli, string signal, int exitCode, string stopped)
    {
        string output = cli.Output, error = cli.Error;
        Assert.True(cli.ExitCode == exitCode, $"exit code {cli.ExitCode}, expected {exitCode}:\n{cli}");
        Match interrupted = Regex.Match(output, $@"^INTERRUPTED  by {signal}: {stopped} after ([0-9,]+) events; everything below covers those only$", RegexOptions.Multiline);
        Assert.True(interrupted.Success, cli.ToString());
        long published = long.Parse(interrupted.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(published > 0, cli.ToString());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"interrupted by {signal}: {published:N0} event(s) were processed and reported;"), error, StringComparison.Ordinal);
        Assert.Contains("\nstatistics   ", output, StringComparison.Ordinal);
        Assert.Matches(@"\nreport       .+: fills.csv, equity.csv, equity.png, summary.json \(covers a partial run\)\n", output);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return published;
    }

    private static void AssertPartial(JsonElement summary, string signal, long published)
    {
        Assert.False(summary.GetProperty("complete").GetBoolean());
        Assert.Equal(signal, summary.GetProperty("interruptedBy").GetString());
        Assert.Equal(published, summary.GetProperty("eventsPublished").GetInt64());
    }

    private static DateTime Time(JsonElement summary, string name) =>
        DateTime.Parse(summary.GetProperty(name).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex(@"^throughput +.* \((-?[0-9,]+) events in [0-9.]+ s, after warm-up\)$", RegexOptions.Multiline)]
    private static partial Regex ThroughputLine();
}
