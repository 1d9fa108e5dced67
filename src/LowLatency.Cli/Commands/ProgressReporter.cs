using System.Globalization;
using LowLatency.Market.Replay;

namespace LowLatency.Cli.Commands;

/// <summary>
/// Replay progress on standard error: one line rewritten in place on a terminal, plain periodic lines when
/// redirected (logs, CI), so the summary on standard output stays clean.
/// </summary>
internal sealed class ProgressReporter(TextWriter error)
{
    private readonly bool _interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private bool _wroteInPlace;

    public TimeSpan Interval => _interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);

    public void Report(ReplayProgress p)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"progress: {p.Published:N0} events, {(p.ElapsedSeconds > 0 ? p.Published / p.ElapsedSeconds / 1e6 : 0):F2} M events/s, recorded time {(p.RecordedTimestampNs == 0 ? "-" : PipelineSummaryWriter.FormatTimestamp(p.RecordedTimestampNs))}");
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

    public void Finish()
    {
        if (_wroteInPlace)
        {
            error.Write("\r" + new string(' ', 100) + "\r");
        }
    }
}
