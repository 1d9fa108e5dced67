using System.Globalization;

namespace LowLatency.Cli.Tests.Support;

/// <summary>Reads the CLI's signal and fill CSV files (no quoting: the writers never need it).</summary>
internal static class CsvRows
{
    /// <summary>The header line and every data row as column name -> text.</summary>
    public static (string Header, List<Dictionary<string, string>> Rows) Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] columns = lines[0].Split(',');
        List<Dictionary<string, string>> rows = [.. lines.Skip(1).Select(line =>
        {
            string[] fields = line.Split(',');
            Assert.Equal(columns.Length, fields.Length);
            return columns.Zip(fields).ToDictionary(p => p.First, p => p.Second);
        })];
        return (lines[0], rows);
    }

    /// <summary>A price, quantity or position field as written (invariant, optional sign and decimals).</summary>
    public static decimal Number(string text) =>
        decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>The largest |position_after| of a fills file, which must have fills.</summary>
    public static decimal MaxAbsolutePosition(string fillsPath)
    {
        var (_, fills) = Read(fillsPath);
        Assert.NotEmpty(fills);
        return fills.Max(f => Math.Abs(Number(f["position_after"])));
    }
}
