using System.Globalization;
using HdrHistogram;
using ScottPlot;
using ScottPlot.TickGenerators;
using LowLatency.Cli.Reports;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// Latency by percentile, HdrHistogram style: x is 1/(1 − p) on a log scale (ticks 0%, 90%, 99%, 99.9%, ...), y is
/// latency in µs on a log scale, one line per variant. One panel per scenario and rate (pipeline at each rate, ping-pong),
/// so each panel compares ours per wait strategy and topology (threaded solid, fused dotted, auto densely dashed) with
/// Channels (dashed), one colour per wait mode in every panel.
/// </summary>
internal static class LatencyPlot
{
    private const int PanelWidth = 900;
    private const int PanelHeight = 620;
    private const double FloorUs = 0.01; // log scale: a 0 ns sample is drawn at 10 ns

    private static readonly string[] s_modes = ["Hybrid", "Yielding", "BusySpin", "Blocking", "Sleeping", "async", "spinning"];
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>Renders the measured results to <paramref name="path"/> (PNG). Returns false when there is nothing to draw.</summary>
    public static bool Save(IReadOnlyList<LatencyResult> results, string path)
    {
        var panels = results
            .Where(r => r.Histogram is { TotalCount: > 0 })
            .GroupBy(r => (r.Scenario, r.Rate))
            .ToList();
        if (panels.Count == 0)
        {
            return false;
        }

        if (!PlotFonts.Choose())
        {
            Console.Error.WriteLine("No font found: the plot's lines are drawn, its labels are not.");
        }
        int columns = panels.Count == 1 ? 1 : 2;
        int rows = (panels.Count + columns - 1) / columns;
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        for (int i = 0; i < panels.Count; i++)
        {
            var group = panels[i];
            string title = group.Key.Scenario == LatencyVariant.PingPong
                ? "ping-pong: round trip"
                : $"pipeline: producer → strategy, {group.Key.Rate}{(group.Key.Rate == "max" ? "" : " events/s")}";
            DrawPanel(multiplot.GetPlot(i), title, [.. group]);
        }

        multiplot.SavePng(path, PanelWidth * columns, PanelHeight * rows);
        return true;
    }

    private static void DrawPanel(Plot plot, string title, IReadOnlyList<LatencyResult> results)
    {
        double maxX = 2;
        double minY = double.MaxValue, maxY = double.MinValue;
        foreach (LatencyResult r in results)
        {
            (double[] xs, double[] ys) = Curve(r.Histogram!);
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = r.Label;
            line.LineWidth = 2;
            line.Color = ColorOf(r.Mode);
            line.LinePattern = (r.Contender, r.Topology) switch
            {
                ("channel", _) => LinePattern.Dashed,
                (_, "fused") => LinePattern.Dotted,
                (_, "auto") => LinePattern.DenselyDashed,
                _ => LinePattern.Solid,
            };
            maxX = Math.Max(maxX, xs[^1]);
            minY = Math.Min(minY, ys.Min());
            maxY = Math.Max(maxY, ys.Max());
        }

        double right = maxX + 0.25; // room for the last tick's label
        int lowDecade = (int)Math.Floor(minY);
        int highDecade = Math.Max(lowDecade + 1, (int)Math.Ceiling(maxY));
        plot.Axes.Bottom.TickGenerator = PercentileTicks((int)Math.Floor(right));
        plot.Axes.Left.TickGenerator = MicrosecondTicks(lowDecade, highDecade);
        plot.Axes.SetLimits(0, right, lowDecade, highDecade);
        plot.Title(title);
        plot.XLabel("percentile");
        plot.YLabel("latency (µs, log scale)");
        plot.ShowLegend(Alignment.LowerRight); // tails rise to the right: the lower right is the emptiest corner
    }

    /// <summary>Points (log10(1/(1−p)), log10(µs)) at HdrHistogram's percentile steps; 100% is drawn at 1 − 1/count.</summary>
    private static (double[] Xs, double[] Ys) Curve(HistogramBase histogram)
    {
        double lastX = Math.Log10(Math.Max(10, histogram.TotalCount));
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var step in histogram.Percentiles(percentileTicksPerHalfDistance: 5))
        {
            double p = step.PercentileLevelIteratedTo / 100;
            double x = p >= 1 ? lastX : Math.Min(lastX, Math.Log10(1 / (1 - p)));
            xs.Add(x);
            ys.Add(Math.Log10(Math.Max(FloorUs, step.ValueIteratedTo / 1000.0)));
        }

        return ([.. xs], [.. ys]);
    }

    private static NumericManual PercentileTicks(int lastDecade)
    {
        var ticks = new NumericManual();
        for (int decade = 0; decade <= lastDecade; decade++)
        {
            // 1 − 10^-decade as a percentage: 0%, 90%, 99%, 99.9%, ...
            string label = decade == 0 ? "0%" : (100 - Math.Pow(10, 2 - decade)).ToString("0.#########", s_invariant) + "%";
            ticks.AddMajor(decade, label);
        }

        return ticks;
    }

    private static NumericManual MicrosecondTicks(int lowDecade, int highDecade)
    {
        var ticks = new NumericManual();
        for (int decade = lowDecade; decade <= highDecade; decade++)
        {
            double us = Math.Pow(10, decade);
            ticks.AddMajor(decade, us < 1 ? us.ToString("0.###", s_invariant) : us.ToString("N0", s_invariant));
            for (int m = 2; m <= 9 && decade < highDecade; m++)
            {
                ticks.AddMinor(decade + Math.Log10(m));
            }
        }

        return ticks;
    }

    private static Color ColorOf(string mode)
    {
        int index = Array.IndexOf(s_modes, mode);
        return new ScottPlot.Palettes.Category10().GetColor(index < 0 ? s_modes.Length : index);
    }
}
