using System.Globalization;
using LowLatency.Ticks.Replay;

namespace LowLatency.Cli.Commands;

/// <summary>
/// Progress on standard error: one line rewritten in place on a terminal, plain periodic lines when
/// redirected (logs, CI), so the summary on standard output stays clean.
/// </summary>
internal sealed class ProgressReporter(TextWriter error)
{
    private readonly bool _interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private readonly Lock _lock = new(); // notes come from a worker thread (the Kafka bridge), progress from the main one
    private bool _wroteInPlace;
    private long _lastPublished;
    private double _lastSeconds;

    public TimeSpan Interval => _interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);

    /// <summary>A progress line with the rate since the previous one (at <c>--speed 1x</c> a trading day may run at a
    /// few events a second, which an M events/s figure would show as 0.00).</summary>
    public void Report(ReplayProgress p)
    {
        double seconds = p.ElapsedSeconds - _lastSeconds;
        double rate = seconds > 0 ? (p.Published - _lastPublished) / seconds : 0;
        (_lastPublished, _lastSeconds) = (p.Published, p.ElapsedSeconds);
        Report(string.Create(CultureInfo.InvariantCulture,
            $"progress: {p.Published:N0} events, {Rate(rate)}, recorded time {(p.RecordedTimestampNs == 0 ? "-" : PipelineSummaryWriter.FormatTimestamp(p.RecordedTimestampNs))}"));
    }

    /// <summary>Events per second in the unit that shows it: 8 events/s, 12.5 k events/s, 4.27 M events/s.</summary>
    public static string Rate(double eventsPerSecond) => eventsPerSecond switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{eventsPerSecond / 1e6:F2} M events/s"),
        >= 1e4 => string.Create(CultureInfo.InvariantCulture, $"{eventsPerSecond / 1e3:F1} k events/s"),
        >= 10 => string.Create(CultureInfo.InvariantCulture, $"{eventsPerSecond:N0} events/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{eventsPerSecond:0.##} events/s"),
    };

    public void Report(string line)
    {
        lock (_lock)
        {
            Write(line);
        }
    }

    /// <summary>A line of its own (a rebalance, a warning) that must not be overwritten by the next progress line.</summary>
    public void Note(string line)
    {
        lock (_lock)
        {
            Clear();
            error.WriteLine(line);
        }
    }

    public void Finish()
    {
        lock (_lock)
        {
            Clear();
        }
    }

    private void Write(string line)
    {
        if (_interactive)
        {
            error.Write("\r" + line.PadRight(100));
            _wroteInPlace = true;
        }
        else
        {
            error.WriteLine(line);
        }
    }

    private void Clear()
    {
        if (_wroteInPlace)
        {
            error.Write("\r" + new string(' ', 100) + "\r");
            _wroteInPlace = false;
        }
    }
}
