using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace LowLatency.Cli.Tests.Support;

/// <summary>Reads a <c>--report</c> folder.</summary>
internal static class ReportFolder
{
    /// <summary>Everything a report folder holds, in ordinal order.</summary>
    public static readonly string[] Files = ["equity.csv", "equity.png", "fills.csv", "summary.json"];

    /// <summary>Asserts that <paramref name="directory"/> holds the four report files and nothing else (no temporary
    /// file left behind) and that equity.png is a whole PNG image; returns summary.json.</summary>
    public static JsonDocument Read(string directory)
    {
        Assert.Equal(Files, Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        byte[] png = File.ReadAllBytes(Path.Combine(directory, "equity.png"));
        Assert.True(png.Length > 10_000, $"equity.png has {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.True(width >= 400 && height >= 300, $"equity.png is {width} x {height}");
        Assert.Equal("IEND", Encoding.ASCII.GetString(png, png.Length - 8, 4)); // the last chunk: the file is complete
        return JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "summary.json")));
    }
}
