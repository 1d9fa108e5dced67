using System.Buffers.Binary;
using System.IO.Hashing;

namespace LowLatency.Ticks.Journal;

/// <summary>The last record's time, for a listing that does not read every record.</summary>
public sealed partial class JournalReader
{
    /// <summary>
    /// The timestamp of the file's last record (a journal is written in time order, so its latest), read from the last
    /// records block after verifying that block's checksum; null when the journal holds no record or that block is
    /// damaged. Walks the block headers again (one page per block) and reads one block: the reader's position is not moved.
    /// </summary>
    /// <remarks>A compressed last block is decompressed into a buffer of its own, so a read in progress keeps its block.</remarks>
    public long? ReadLastTimestampNs()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_tailRecords > 0)
        {
            // A torn last block cannot be verified; its complete records are handed out all the same.
            return ReadTimestamp(_tailOffset + JournalFormat.BlockHeaderLength + ((long)(_tailRecords - 1) * JournalFormat.RecordLength));
        }

        long lastBlock = -1;
        int gap = 0;
        for (long offset = Header.Length; offset < _dataEnd;)
        {
            if (gap < _gaps.Count && _gaps[gap].From == offset)
            {
                offset = _gaps[gap++].To;
                continue;
            }

            if (!JournalBlockHeader.TryRead(_mapping.Slice(offset, JournalFormat.BlockHeaderLength), out JournalBlockHeader block))
            {
                return null;
            }

            if (block.Type == JournalBlockType.Records && block.Count > 0)
            {
                lastBlock = offset;
            }

            offset += JournalFormat.BlockHeaderLength + block.PayloadLength;
        }

        if (lastBlock < 0 ||
            !JournalBlockHeader.TryRead(_mapping.Slice(lastBlock, JournalFormat.BlockHeaderLength), out JournalBlockHeader last))
        {
            return null;
        }

        long payload = lastBlock + JournalFormat.BlockHeaderLength;
        ReadOnlySpan<byte> stored = _mapping.Slice(payload, last.PayloadLength);
        if (XxHash3.HashToUInt64(stored) != last.PayloadChecksum)
        {
            return null;
        }

        if (last.Compression == JournalCompression.None)
        {
            return ReadTimestamp(payload + ((long)(last.Count - 1) * JournalFormat.RecordLength));
        }

        byte[] records = new byte[last.RecordsLength];
        return _codec.TryDecompress(last.Compression, stored[..last.CompressedLength], records)
            ? BinaryPrimitives.ReadInt64LittleEndian(records.AsSpan(records.Length - JournalFormat.RecordLength + JournalFormat.RecordTimestampOffset))
            : null;
    }

    private long ReadTimestamp(long recordOffset) =>
        BinaryPrimitives.ReadInt64LittleEndian(_mapping.Slice(recordOffset, JournalFormat.RecordLength)[JournalFormat.RecordTimestampOffset..]);
}
