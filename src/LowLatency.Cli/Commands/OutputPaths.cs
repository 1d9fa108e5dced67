namespace LowLatency.Cli.Commands;

/// <summary>Where a pipeline command writes: <c>--signals-out</c>, <c>--fills-out</c> and the <c>--report</c> folder
/// (full paths; null when not asked for).</summary>
internal sealed record OutputPaths(string? SignalsOut, string? FillsOut, string? ReportDirectory)
{
    public const string ReportFills = "fills.csv";
    public const string ReportEquity = "equity.csv";
    public const string ReportSummary = "summary.json";
    public const string ReportPlot = "equity.png";

    /// <summary>Every file this run may write, with the option that asks for it.</summary>
    public IEnumerable<(string Option, string Path)> Files()
    {
        if (SignalsOut is not null)
        {
            yield return ("--signals-out", SignalsOut);
        }

        if (FillsOut is not null)
        {
            yield return ("--fills-out", FillsOut);
        }

        if (ReportDirectory is not null)
        {
            foreach (string name in (string[])[ReportFills, ReportEquity, ReportSummary, ReportPlot])
            {
                yield return ("--report", Path.Combine(ReportDirectory, name));
            }
        }
    }
}
