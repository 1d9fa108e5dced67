using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LowLatency.Benchmarks.Columns;

/// <summary>
/// Throughput of a macro benchmark: events per second, from the <em>median</em> time per operation. Every macro
/// benchmark declares <c>OperationsPerInvoke</c> = events per invocation, so one operation is one event and
/// events/s = 10^9 / median ns. The median, not the mean: on a noisy 2-core VM one descheduled iteration drags the mean.
/// </summary>
public sealed class EventsPerSecondColumn : IColumn
{
    public string Id => nameof(EventsPerSecondColumn);

    public string ColumnName => "Events/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Events per second through the whole benchmark (10^9 / Median ns per event)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (medianNs is not > 0)
        {
            return "NA";
        }

        double perSecond = 1e9 / medianNs.Value;
        CultureInfo culture = style.CultureInfo;
        return perSecond >= 1e6
            ? (perSecond / 1e6).ToString("N2", culture) + " M"
            : (perSecond / 1e3).ToString("N1", culture) + " K";
    }

    public override string ToString() => ColumnName;
}
