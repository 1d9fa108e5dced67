using System.Globalization;
using LowLatency.Market.Replay;

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

    public TimeSpan Interval => _interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);

    public void Report(ReplayProgress p) => Report(string.Create(CultureInfo.InvariantCulture,
        $"progress: {p.Published:N0} events, {(p.ElapsedSeconds > 0 ? p.Published / p.ElapsedSeconds / 1e6 : 0):F2} M events/s, recorded time {(p.RecordedTimestampNs == 0 ? "-" : PipelineSummaryWriter.FormatTimestamp(p.RecordedTimestampNs))}"));

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
