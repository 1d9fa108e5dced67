using ScottPlot;
using SkiaSharp;

namespace LowLatency.Cli.Reports;

/// <summary>
/// Picks a sans-serif family for plot labels. The NoDependencies Skia build finds fonts without fontconfig by scanning
/// the usual folders; where it finds none, registers the first TrueType file it can find, so the labels still render.
/// Without any font the lines are still drawn. Shared by the report's equity plot and the benchmarks' latency plot.
/// </summary>
public static class PlotFonts
{
    private static readonly string[] s_sansFamilies = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI"];

    /// <summary>Sets <see cref="Fonts.Default"/>; false when no font was found at all.</summary>
    public static bool Choose()
    {
        string[] families = SKFontManager.Default.GetFontFamilies();
        if (families.Length > 0)
        {
            string? sans = s_sansFamilies.FirstOrDefault(f => families.Contains(f, StringComparer.OrdinalIgnoreCase))
                ?? families.FirstOrDefault(f => f.Contains("Sans", StringComparison.OrdinalIgnoreCase)
                    && !f.Contains("Mono", StringComparison.OrdinalIgnoreCase));
            if (sans is not null)
            {
                Fonts.Default = sans;
            }

            return true;
        }

        string[] folders = ["/usr/share/fonts", "/usr/local/share/fonts", Environment.GetFolderPath(Environment.SpecialFolder.Fonts)];
        foreach (string folder in folders.Where(f => f.Length > 0 && Directory.Exists(f)))
        {
            string? font = Directory.EnumerateFiles(folder, "*.ttf", SearchOption.AllDirectories)
                .OrderBy(f => Path.GetFileName(f).Contains("Sans", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .FirstOrDefault();
            if (font is not null)
            {
                Fonts.AddFontFile("LowLatencyPlotFont", font);
                Fonts.Default = "LowLatencyPlotFont";
                return true;
            }
        }

        return false;
    }
}
