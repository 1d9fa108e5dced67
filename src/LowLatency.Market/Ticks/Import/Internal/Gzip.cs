using Microsoft.Win32.SafeHandles;

namespace LowLatency.Market.Ticks.Import.Internal;

/// <summary>
/// What GZipStream does not check: it returns end-of-stream, without an error, when a file is cut anywhere (even in
/// the middle of the compressed data), so truncation is found from the member trailer instead.
/// </summary>
internal static class Gzip
{
    // RFC 1952: ID1 ID2 CM(8 = deflate).
    private static ReadOnlySpan<byte> MemberHeader => [0x1f, 0x8b, 0x08];

    public static bool HasMagic(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    /// <summary>The trailer's ISIZE (uncompressed size mod 2^32) of the last member, or null when the file is too short.</summary>
    public static uint? ReadTrailerSize(SafeFileHandle handle)
    {
        long length = RandomAccess.GetLength(handle);
        if (length < 18)
        {
            return null; // 10-byte header + 8-byte trailer is the smallest member
        }

        Span<byte> trailer = stackalloc byte[4];
        return RandomAccess.Read(handle, trailer, length - 4) == 4
            ? (uint)(trailer[0] | (trailer[1] << 8) | (trailer[2] << 16) | (trailer[3] << 24))
            : null;
    }

    /// <summary>
    /// True when another member header may follow the first (<c>cat a.gz b.gz</c>): then the last trailer covers only
    /// the last member, and a size mismatch proves nothing. Reads the file once; called only after a mismatch.
    /// </summary>
    public static bool MayHaveSeveralMembers(SafeFileHandle handle)
    {
        byte[] buffer = new byte[1 << 16];
        long offset = 1; // the first member's own header is at 0
        while (true)
        {
            int read = RandomAccess.Read(handle, buffer, offset);
            if (read < MemberHeader.Length)
            {
                return false;
            }

            if (buffer.AsSpan(0, read).IndexOf(MemberHeader) >= 0)
            {
                return true;
            }

            offset += read - (MemberHeader.Length - 1); // overlap so a header across two reads is still seen
        }
    }
}
