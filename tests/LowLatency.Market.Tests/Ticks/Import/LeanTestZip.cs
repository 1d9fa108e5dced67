using System.IO.Compression;
using System.Text;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Market.Tests.Ticks.Import;

/// <summary>Writes small LEAN-layout zips into a private temp folder (deleted on dispose) and reads them back.</summary>
internal sealed class LeanTestZip : IDisposable
{
    public LeanTestZip() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lean-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <c>Root/<paramref name="relativePath"/></c> holding one entry per (name, CSV text) pair.</summary>
    public string Write(string relativePath, params (string Entry, string Csv)[] entries)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach ((string entry, string csv) in entries)
        {
            using Stream stream = zip.CreateEntry(entry).Open();
            stream.Write(Encoding.UTF8.GetBytes(csv));
        }

        return path;
    }

    /// <summary>
    /// Writes a zip whose entries are stored uncompressed, then replaces the first occurrence of
    /// <paramref name="find"/> in the file's bytes by <paramref name="replacement"/> (same length): damage inside an
    /// entry's data that still parses, as a flipped bit in a price would.
    /// </summary>
    public string WriteStoredAndDamage(string relativePath, string find, string replacement, params (string Entry, string Csv)[] entries)
    {
        Assert.Equal(find.Length, replacement.Length);
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach ((string entry, string csv) in entries)
            {
                using Stream stream = zip.CreateEntry(entry, CompressionLevel.NoCompression).Open();
                stream.Write(Encoding.UTF8.GetBytes(csv));
            }
        }

        byte[] bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(find));
        Assert.True(at >= 0, "the text to damage is not in the zip");
        Encoding.ASCII.GetBytes(replacement).CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes a zip with one entry named <c>data.csv</c>.</summary>
    public string Write(string relativePath, string csv) => Write(relativePath, ("data.csv", csv));

    /// <summary>Opens a one-entry zip.</summary>
    public static LeanTickSource OpenSingle(string zipPath, SymbolTable symbols, TickReadOptions options = default)
    {
        IReadOnlyList<ITickSource> sources = LeanTickSource.Open(zipPath, symbols, options);
        return Assert.IsType<LeanTickSource>(Assert.Single(sources));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
