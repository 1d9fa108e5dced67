using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;

namespace LowLatency.Ticks.Import.Internal;

/// <summary>
/// Verifies a zip entry's CRC-32 by decompressing it once before any row is handed out. ZipArchive does not check
/// the CRC, and a check at the end of streaming would come after the damaged rows were already published: a flipped
/// byte in a price must not reach the pipeline. Costs one extra decompression pass (no allocation beyond one pooled
/// buffer).
/// </summary>
internal static class LeanEntryCheck
{
    private const int BufferLength = 1 << 16;

    /// <summary>Null when the entry is intact, else why it is not (one line, without the entry's name).</summary>
    public static string? FindDamage(ZipArchiveEntry entry)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        var crc = new Crc32();
        long length = 0, lines = 0;
        try
        {
            using Stream stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer, 0, BufferLength)) > 0)
            {
                ReadOnlySpan<byte> chunk = buffer.AsSpan(0, read);
                crc.Append(chunk);
                lines += chunk.Count((byte)'\n');
                length += read;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"cannot be decompressed after {length:N0} bytes ({lines:N0} lines): {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        uint computed = crc.GetCurrentHashAsUInt32();
        if (computed != entry.Crc32 || length != entry.Length)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"CRC-32 mismatch: the entry is damaged (stored {entry.Crc32:x8}, {entry.Length:N0} bytes; read {computed:x8}, {length:N0} bytes, {lines:N0} lines)");
        }

        return null;
    }
}
