using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LowLatency.Benchmarks.Ticks;

namespace LowLatency.Benchmarks.Columns;

/// <summary>
/// Compressed size over raw size for a <see cref="JournalCodecBenchmarks"/> case, computed in the host process from
/// the case's File and Codec parameters (once per pair), so the ratio sits beside the speed it costs.
/// </summary>
public sealed class StoredRatioColumn : IColumn
{
    private readonly ConcurrentDictionary<(string, string), double> _ratios = new();

    public string Id => nameof(StoredRatioColumn);

    public string ColumnName => "Stored";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Compressed records bytes / raw records bytes over the whole file (lower is smaller)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["File"] is not string file || benchmarkCase.Parameters["Codec"] is not string codec)
        {
            return "NA";
        }

        double ratio = _ratios.GetOrAdd((file, codec), static key => JournalCodecBenchmarks.StoredRatio(key.Item1, key.Item2));
        return ratio.ToString("P1", style.CultureInfo ?? CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
