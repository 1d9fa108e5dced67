using System.Globalization;
using System.Text;

namespace LowLatency.Hosting.Tests.Support;

/// <summary>A CSV tick file (timestamp,symbol,price,size) in the temp folder for a ticks input; deleted on Dispose.</summary>
internal sealed class TempTickCsv : IDisposable
{
    /// <summary>2024-01-02 14:30:00 UTC, the first row's time.</summary>
    public const long StartNs = 1_704_205_800_000_000_000;

    /// <summary>Writes the header, then <paramref name="rows"/> as they are (each ending in a newline).</summary>
    public TempTickCsv(string rows)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ticks-{Guid.NewGuid():N}.csv");
        File.WriteAllText(Path, "timestamp,symbol,price,size\n" + rows);
    }

    public string Path { get; }

    /// <summary><paramref name="count"/> trades of size 10, <paramref name="stepNs"/> apart from <see cref="StartNs"/>.</summary>
    public static TempTickCsv Trades(int count, Func<int, string> symbol, Func<int, string> price, long stepNs = 1)
    {
        var rows = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{StartNs + i * stepNs},{symbol(i)},{price(i)},10\n");
        }

        return new TempTickCsv(rows.ToString());
    }

    public void Dispose() => File.Delete(Path);
}
