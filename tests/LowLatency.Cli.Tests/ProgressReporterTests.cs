using LowLatency.Cli.Commands;
using LowLatency.Ticks.Replay;

namespace LowLatency.Cli.Tests;

/// <summary>Replay's progress lines: the rate since the previous line, in the unit that shows it.</summary>
public sealed class ProgressReporterTests
{
    [Theory]
    [InlineData(0, "0 events/s")]
    [InlineData(8, "8 events/s")]
    [InlineData(9_999.4, "9,999 events/s")]
    [InlineData(12_500, "12.5 k events/s")]
    [InlineData(250_040, "250.0 k events/s")]
    [InlineData(999_949, "999.9 k events/s")]
    [InlineData(1_000_000, "1.00 M events/s")]
    [InlineData(4_271_234, "4.27 M events/s")]
    public void Rate_EventsPerSecond_InTheUnitThatShowsIt(double eventsPerSecond, string expected) =>
        Assert.Equal(expected, ProgressReporter.Rate(eventsPerSecond));

    [Theory]
    [InlineData(0.2)] // one event in the 5 s between two lines: a paced replay of a quiet pre-market
    [InlineData(0.4)]
    public void Rate_SomeEventsButFewerThanOneASecond_NotShownAsZero(double eventsPerSecond) =>
        Assert.DoesNotMatch(@"^0(\.0*)? events/s$", ProgressReporter.Rate(eventsPerSecond));

    [Fact]
    public void Report_SecondLine_ShowsTheRateSinceTheFirst()
    {
        using var error = new StringWriter();
        var progress = new ProgressReporter(error);
        const long Ts = 1_704_205_800_000_000_000; // 2024-01-02 14:30:00Z

        progress.Report(new ReplayProgress(40, 5.0, Ts));
        progress.Report(new ReplayProgress(50_040, 9.0, Ts + 1));
        progress.Report(new ReplayProgress(50_040, 14.0, Ts + 1));
        progress.Finish();

        Assert.Equal(
            """
            progress: 40 events, 8 events/s, recorded time 2024-01-02 14:30:00.0000000Z
            progress: 50,040 events, 12.5 k events/s, recorded time 2024-01-02 14:30:00.0000000Z
            progress: 50,040 events, 0 events/s, recorded time 2024-01-02 14:30:00.0000000Z

            """,
            error.ToString());
    }

    [Fact]
    public void Interval_NotAConsole_FiveSeconds()
    {
        using var error = new StringWriter();

        Assert.Equal(TimeSpan.FromSeconds(5), new ProgressReporter(error).Interval);
    }
}
