using System.Globalization;
using ScottPlot;

namespace LowLatency.Cli.Reports;

/// <summary>
/// Draws the report's equity.png from its equity.csv: the equity curve on top, the drawdown below, against exchange
/// time (UTC). Long curves are reduced to the lowest and highest point of each of 2,000 time buckets, so every
/// extreme, the max drawdown included, stays on the picture.
/// </summary>
internal static class EquityPlot
{
    private const int Buckets = 2_000;

    public static void Save(string equityCsv, string pngPath, string title)
    {
        (List<double> times, List<double> equity, List<double> drawdown) = Read(equityCsv);
        PlotFonts.Choose();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 1);

        Plot top = multiplot.GetPlot(0);
        (double[] x, double[] y) = Reduce(times, equity);
        var line = top.Add.ScatterLine(x, y);
        line.LineWidth = 1.5f;
        line.Color = Colors.SteelBlue;
        top.Axes.DateTimeTicksBottom();
        top.Title(title);
        top.YLabel("equity (net PnL)");
        top.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);

        Plot bottom = multiplot.GetPlot(1);
        (x, y) = Reduce(times, drawdown.ConvertAll(d => -d));
        var fall = bottom.Add.ScatterLine(x, y);
        fall.Color = Colors.FireBrick;
        fall.FillY = true;
        fall.FillYColor = Colors.FireBrick.WithAlpha(0.3);
        bottom.Axes.DateTimeTicksBottom();
        bottom.YLabel("drawdown");
        bottom.XLabel("exchange time (UTC)");
        multiplot.SavePng(pngPath, 1200, 800);
    }

    private static (List<double> Times, List<double> Equity, List<double> Drawdown) Read(string path)
    {
        var times = new List<double>();
        var equity = new List<double>();
        var drawdown = new List<double>();
        using var reader = new StreamReader(path);
        string[] header = reader.ReadLine()!.Split(',');
        int t = Array.IndexOf(header, "timestamp_ns"), e = Array.IndexOf(header, "equity"), d = Array.IndexOf(header, "drawdown");
        while (reader.ReadLine() is { } row)
        {
            string[] fields = row.Split(',');
            long ns = long.Parse(fields[t], CultureInfo.InvariantCulture);
            times.Add(DateTime.UnixEpoch.AddTicks(ns / 100).ToOADate());
            equity.Add(double.Parse(fields[e], CultureInfo.InvariantCulture));
            drawdown.Add(double.Parse(fields[d], CultureInfo.InvariantCulture));
        }

        return (times, equity, drawdown);
    }

    /// <summary>At most two points a time bucket: its lowest and highest, in time order.</summary>
    private static (double[] X, double[] Y) Reduce(List<double> x, List<double> y)
    {
        if (x.Count <= 2 * Buckets)
        {
            return ([.. x], [.. y]);
        }

        double start = x[0], width = (x[^1] - start) / Buckets;
        var xs = new List<double>(2 * Buckets);
        var ys = new List<double>(2 * Buckets);
        int i = 0;
        while (i < x.Count)
        {
            int bucket = width > 0 ? Math.Min(Buckets - 1, (int)((x[i] - start) / width)) : 0;
            int low = i, high = i;
            int j = i;
            while (j < x.Count && (width > 0 ? Math.Min(Buckets - 1, (int)((x[j] - start) / width)) : 0) == bucket)
            {
                low = y[j] < y[low] ? j : low;
                high = y[j] > y[high] ? j : high;
                j++;
            }

            foreach (int k in low <= high ? (int[])[low, high] : [high, low])
            {
                xs.Add(x[k]);
                ys.Add(y[k]);
            }

            i = j;
        }

        return ([.. xs], [.. ys]);
    }
}
