using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;

namespace LowLatency.Ticks.Journal;

/// <summary>What a journal's header says: versions, creation time and the symbol table written at creation.</summary>
public sealed class JournalHeader
{
    internal JournalHeader(int formatVersion, DateTime createdUtc, string[] symbols, long length)
    {
        FormatVersion = formatVersion;
        CreatedUtc = createdUtc;
        Symbols = symbols;
        Length = length;
    }

    /// <summary>Container layout version of the file: <see cref="JournalFormat.MinFormatVersion"/> (uncompressed) to
    /// <see cref="JournalFormat.FormatVersion"/> (what this build writes).</summary>
    public int FormatVersion { get; }

    /// <summary>Record layout version (<see cref="JournalFormat.RecordLayoutVersion"/>; this build reads no other).</summary>
    public int RecordLayoutVersion => JournalFormat.RecordLayoutVersion;

    /// <summary>When the writer created the file (UTC, 100 ns resolution).</summary>
    public DateTime CreatedUtc { get; }

    /// <summary>The header symbol table, indexed by journal id; symbols defined later are in <see cref="JournalReader.SymbolNames"/>.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Bytes of the header including its symbol table: the offset of the first data block.</summary>
    public long Length { get; }

    /// <summary>Writes the 64-byte file header (<see cref="JournalFormat"/> names the offsets) with format version
    /// <paramref name="formatVersion"/>.</summary>
    internal static void WriteFixed(Span<byte> destination, long createdUtcNs, int formatVersion)
    {
        destination = destination[..JournalFormat.FileHeaderLength];
        destination.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination[JournalFormat.MagicOffset..], JournalFormat.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[JournalFormat.FormatVersionOffset..], (ushort)formatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[JournalFormat.RecordLayoutVersionOffset..], JournalFormat.RecordLayoutVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[JournalFormat.FileHeaderLengthOffset..], JournalFormat.FileHeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[JournalFormat.BlockHeaderLengthOffset..], JournalFormat.BlockHeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[JournalFormat.RecordLengthOffset..], JournalFormat.RecordLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[JournalFormat.CreatedUtcNsOffset..], createdUtcNs);
        ulong checksum = XxHash3.HashToUInt64(destination[..JournalFormat.FileHeaderChecksumOffset]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[JournalFormat.FileHeaderChecksumOffset..], checksum);
    }

    /// <summary>
    /// Checks the 64-byte file header in the order that gives the most useful message: magic, versions (a newer
    /// layout may not checksum the same way), lengths, checksum. Returns the format version and the creation time.
    /// </summary>
    /// <param name="file">Named in the exception.</param>
    /// <param name="start">The first bytes of the file, up to <see cref="JournalFormat.FileHeaderLength"/>.</param>
    internal static (int Version, DateTime CreatedUtc) ReadFixed(string file, ReadOnlySpan<byte> start)
    {
        int magicBytes = Math.Min(start.Length, sizeof(uint));
        Span<byte> magic = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, JournalFormat.Magic);
        if (!start[..magicBytes].SequenceEqual(magic[..magicBytes]))
        {
            JournalThrowHelper.ThrowFormat(file, JournalFormat.MagicOffset, "not a LowLatency tick journal (bad magic)");
        }

        if (start.Length < JournalFormat.FileHeaderLength)
        {
            JournalThrowHelper.ThrowTruncatedHeader(file, start.Length, JournalFormat.FileHeaderLength);
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(start[JournalFormat.FormatVersionOffset..]);
        if (version is < JournalFormat.MinFormatVersion or > JournalFormat.FormatVersion)
        {
            JournalThrowHelper.ThrowFormat(file, JournalFormat.FormatVersionOffset, string.Create(
                CultureInfo.InvariantCulture,
                $"journal format version {version} is not supported (this build reads {JournalFormat.MinFormatVersion} to {JournalFormat.FormatVersion})"));
        }

        int layout = BinaryPrimitives.ReadUInt16LittleEndian(start[JournalFormat.RecordLayoutVersionOffset..]);
        if (layout != JournalFormat.RecordLayoutVersion)
        {
            JournalThrowHelper.ThrowFormat(file, JournalFormat.RecordLayoutVersionOffset, string.Create(
                CultureInfo.InvariantCulture,
                $"journal record layout version {layout} is not supported (this build reads {JournalFormat.RecordLayoutVersion})"));
        }

        ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(start[JournalFormat.FileHeaderChecksumOffset..]);
        if (XxHash3.HashToUInt64(start[..JournalFormat.FileHeaderChecksumOffset]) != expected)
        {
            JournalThrowHelper.ThrowFormat(file, JournalFormat.FileHeaderChecksumOffset, "journal header checksum mismatch (corrupt header)");
        }

        // Versions 1 and 2 fix these; a mismatch under a valid checksum means a writer bug, not corruption.
        if (BinaryPrimitives.ReadUInt16LittleEndian(start[JournalFormat.FileHeaderLengthOffset..]) != JournalFormat.FileHeaderLength ||
            BinaryPrimitives.ReadUInt16LittleEndian(start[JournalFormat.BlockHeaderLengthOffset..]) != JournalFormat.BlockHeaderLength ||
            BinaryPrimitives.ReadUInt16LittleEndian(start[JournalFormat.RecordLengthOffset..]) != JournalFormat.RecordLength)
        {
            JournalThrowHelper.ThrowFormat(file, JournalFormat.FileHeaderLengthOffset, "journal header lengths do not match the format version");
        }

        // Any int64 of nanoseconds (years 1677..2262) is a valid DateTime.
        long createdNs = BinaryPrimitives.ReadInt64LittleEndian(start[JournalFormat.CreatedUtcNsOffset..]);
        return (version, new DateTime((createdNs / 100) + DateTime.UnixEpoch.Ticks, DateTimeKind.Utc));
    }

    /// <summary>Unix nanoseconds of a UTC time (100 ns resolution); throws outside the int64 nanosecond range.</summary>
    internal static long ToUnixNs(DateTime utc) => checked((utc.Ticks - DateTime.UnixEpoch.Ticks) * 100);
}
