using System.IO.Compression;
using LowLatency.Ticks.Import.Internal;

namespace LowLatency.Market.Tests.Ticks.Import.Internal;

/// <summary>
/// Truncation of a gzip capture is found from its last trailer, unless the file may hold several members: the magic
/// bytes alone occur by chance in compressed data (once in about 16 MB), and taking such a chance match for a second
/// member would let a cut file pass as complete.
/// </summary>
public sealed class GzipTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "gzip-" + Guid.NewGuid().ToString("N") + ".gz");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void MayHaveSeveralMembers_TwoConcatenatedMembers_True()
    {
        File.WriteAllBytes(_path, [.. Compress(Random(1, 10_000)), .. Compress(Random(2, 10_000))]);

        Assert.True(MayHaveSeveralMembers());
    }

    [Fact]
    public void MayHaveSeveralMembers_MagicBytesInsideTheData_False()
    {
        // Stored (uncompressed) blocks carry the data verbatim, so the magic bytes and an implausible flags byte appear
        // in the member's body, as they do by chance in compressed data.
        byte[] data = Random(3, 100_000);
        data.AsSpan(50_000).Clear();
        ((byte[])[0x1f, 0x8b, 0x08, 0xff]).CopyTo(data, 50_000);
        File.WriteAllBytes(_path, Compress(data));

        Assert.False(MayHaveSeveralMembers());
    }

    [Fact]
    public void MayHaveSeveralMembers_AValidLookingHeaderFollowedByNoDeflateData_False()
    {
        byte[] data = Random(4, 100_000);
        ((byte[])[0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]).CopyTo(data, 50_000);
        File.WriteAllBytes(_path, Compress(data));

        Assert.False(MayHaveSeveralMembers());
    }

    [Fact]
    public void MayHaveSeveralMembers_SingleMember_False()
    {
        File.WriteAllBytes(_path, Compress(Random(5, 100_000)));

        Assert.False(MayHaveSeveralMembers());
    }

    private bool MayHaveSeveralMembers()
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read);
        return Gzip.MayHaveSeveralMembers(file.SafeFileHandle);
    }

    private static byte[] Random(int seed, int length)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Compress(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.NoCompression))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }
}
