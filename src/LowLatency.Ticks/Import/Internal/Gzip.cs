using Microsoft.Win32.SafeHandles;

namespace LowLatency.Ticks.Import.Internal;

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
    /// True when another member may follow the first (<c>cat a.gz b.gz</c>): then the last trailer covers only the last
    /// member, and a size mismatch proves nothing. Reads the file once; called only after a mismatch. Compressed data is
    /// close to random, so the three magic bytes alone turn up about once in 16 MB: a candidate must also have a valid
    /// header (no reserved flag bits, a known XFL and OS byte) and start a deflate stream that decodes, which leaves a
    /// false match once in far more data than any capture holds.
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

            for (int at = buffer.AsSpan(0, read).IndexOf(MemberHeader); at >= 0;)
            {
                if (IsMemberStart(handle, offset + at))
                {
                    return true;
                }

                int next = buffer.AsSpan(at + 1, read - at - 1).IndexOf(MemberHeader);
                at = next < 0 ? -1 : at + 1 + next;
            }

            if (read < buffer.Length)
            {
                return false; // the end of the file was in this read
            }

            offset += read - (HeaderLength - 1); // overlap so a header across two reads is still seen
        }
    }

    // RFC 1952 member header: ID1 ID2 CM FLG MTIME(4) XFL OS.
    private const int HeaderLength = 10;

    // Enough compressed bytes to decode the 4 KiB probe even from stored (uncompressed) blocks.
    private const int DecodeProbeLength = 1 << 16;

    private static bool IsMemberStart(SafeFileHandle handle, long offset)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        if (RandomAccess.Read(handle, header, offset) < HeaderLength)
        {
            return false;
        }

        byte flags = header[3], extraFlags = header[8], os = header[9];
        if ((flags & 0xE0) != 0 || extraFlags is not (0 or 2 or 4) || (os > 13 && os != 255))
        {
            return false;
        }

        // The candidate's data must decode; random bytes fail a deflate decoder within a few hundred bytes.
        byte[] start = new byte[DecodeProbeLength];
        int read = RandomAccess.Read(handle, start, offset);
        using var member = new System.IO.Compression.GZipStream(new MemoryStream(start, 0, read), System.IO.Compression.CompressionMode.Decompress);
        try
        {
            return member.Read(new byte[4096]) > 0;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
