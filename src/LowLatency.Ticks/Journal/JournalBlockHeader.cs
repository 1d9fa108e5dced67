using System.Buffers.Binary;
using System.IO.Hashing;

namespace LowLatency.Ticks.Journal;

/// <summary>The 40-byte header in front of every block (offsets in <see cref="JournalFormat"/>).</summary>
internal readonly struct JournalBlockHeader
{
    public JournalBlockHeader(
        JournalBlockType type, int count, int payloadLength, long firstIndex, ulong payloadChecksum,
        JournalCompression compression = JournalCompression.None, int compressedLength = 0)
    {
        Type = type;
        Count = count;
        PayloadLength = payloadLength;
        FirstIndex = firstIndex;
        PayloadChecksum = payloadChecksum;
        Compression = compression;
        CompressedLength = compressedLength;
    }

    public JournalBlockType Type { get; }

    /// <summary>How the payload is stored; anything but None only in a format version 2 records block.</summary>
    public JournalCompression Compression { get; }

    /// <summary>Codec output bytes at the start of a compressed payload (the rest is padding); 0 when not compressed.</summary>
    public int CompressedLength { get; }

    /// <summary>Bytes of records the payload holds once decompressed.</summary>
    public int RecordsLength => Count * JournalFormat.RecordLength;

    public int Count { get; }

    public int PayloadLength { get; }

    public long FirstIndex { get; }

    public ulong PayloadChecksum { get; }

    /// <summary>Writes all 40 bytes, reserved ones zeroed and the header checksum last.</summary>
    public void Write(Span<byte> destination)
    {
        destination = destination[..JournalFormat.BlockHeaderLength];
        destination.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(destination[JournalFormat.BlockTypeOffset..], (ushort)Type);
        destination[JournalFormat.BlockCompressionOffset] = (byte)Compression;
        BinaryPrimitives.WriteInt32LittleEndian(destination[JournalFormat.BlockCountOffset..], Count);
        BinaryPrimitives.WriteInt32LittleEndian(destination[JournalFormat.BlockPayloadLengthOffset..], PayloadLength);
        BinaryPrimitives.WriteInt32LittleEndian(destination[JournalFormat.BlockCompressedLengthOffset..], CompressedLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[JournalFormat.BlockFirstIndexOffset..], FirstIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[JournalFormat.BlockPayloadChecksumOffset..], PayloadChecksum);
        ulong headerChecksum = XxHash3.HashToUInt64(destination[..JournalFormat.BlockHeaderChecksumOffset]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[JournalFormat.BlockHeaderChecksumOffset..], headerChecksum);
    }

    /// <summary>Decodes a header; false when its checksum does not match (corrupt, or not a block boundary).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out JournalBlockHeader header)
    {
        source = source[..JournalFormat.BlockHeaderLength];
        ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(source[JournalFormat.BlockHeaderChecksumOffset..]);
        if (XxHash3.HashToUInt64(source[..JournalFormat.BlockHeaderChecksumOffset]) != expected)
        {
            header = default;
            return false;
        }

        header = new JournalBlockHeader(
            (JournalBlockType)BinaryPrimitives.ReadUInt16LittleEndian(source[JournalFormat.BlockTypeOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[JournalFormat.BlockCountOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[JournalFormat.BlockPayloadLengthOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[JournalFormat.BlockFirstIndexOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[JournalFormat.BlockPayloadChecksumOffset..]),
            (JournalCompression)source[JournalFormat.BlockCompressionOffset],
            BinaryPrimitives.ReadInt32LittleEndian(source[JournalFormat.BlockCompressedLengthOffset..]));
        return true;
    }
}
