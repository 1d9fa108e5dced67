using System.Buffers.Binary;
using System.IO.Hashing;

namespace LowLatency.Ticks.Journal;

/// <summary>The 40-byte header in front of every block (offsets in <see cref="JournalFormat"/>).</summary>
internal readonly struct JournalBlockHeader
{
    public JournalBlockHeader(JournalBlockType type, int count, int payloadLength, long firstIndex, ulong payloadChecksum)
    {
        Type = type;
        Count = count;
        PayloadLength = payloadLength;
        FirstIndex = firstIndex;
        PayloadChecksum = payloadChecksum;
    }

    public JournalBlockType Type { get; }

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
        BinaryPrimitives.WriteInt32LittleEndian(destination[JournalFormat.BlockCountOffset..], Count);
        BinaryPrimitives.WriteInt32LittleEndian(destination[JournalFormat.BlockPayloadLengthOffset..], PayloadLength);
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
            BinaryPrimitives.ReadUInt64LittleEndian(source[JournalFormat.BlockPayloadChecksumOffset..]));
        return true;
    }
}
