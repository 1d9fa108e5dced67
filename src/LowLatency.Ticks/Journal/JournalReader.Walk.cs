using System.Globalization;
using System.IO.Hashing;

namespace LowLatency.Ticks.Journal;

/// <summary>The walk over the block headers at open: structure, symbols, torn end, and resynchronisation after damage.</summary>
public sealed partial class JournalReader
{
    private const string CorruptHeaderProblem = "block header checksum mismatch (corrupt, or not a block boundary)";

    // Walks every block header once (one page touched per block): checks each header and the block sequence, decodes
    // the symbol definitions into names (null: lost with a damaged block), counts the records, finds the torn end
    // and, when skipping damage, the ranges to jump over. Returns the header.
    private JournalHeader WalkBlocks(List<string?> names)
    {
        long length = _mapping.Length;
        (_formatVersion, DateTime createdUtc) = JournalHeader.ReadFixed(Name, _mapping.Slice(0, (int)Math.Min(length, JournalFormat.FileHeaderLength)));

        // The header symbol table: a Symbols block that must be complete and intact, or nothing can be trusted.
        long offset = JournalFormat.HeaderSymbolsOffset;
        if (length - offset < JournalFormat.BlockHeaderLength)
        {
            JournalThrowHelper.ThrowTruncatedHeader(Name, length, offset + JournalFormat.BlockHeaderLength);
        }

        JournalBlockHeader block = ReadBlockHeader(offset);
        if (block.Type != JournalBlockType.Symbols)
        {
            JournalThrowHelper.ThrowFormat(Name, offset, "the journal header has no symbol table");
        }

        ThrowIfProblem(offset, Problem(block, 0, 0));
        long end = offset + JournalFormat.BlockHeaderLength + block.PayloadLength;
        if (end > length)
        {
            JournalThrowHelper.ThrowTruncatedHeader(Name, length, end);
        }

        ReadSymbols(offset, block, names, canSkip: false);
        var header = new JournalHeader(_formatVersion, createdUtc, [.. names.Select(static n => n!)], end);

        long records = 0;
        long tornOffset = -1;
        (long From, long To, long RecordsBefore, string Problem)? unreported = null; // a skipped range whose record count is not known yet
        _dataEnd = end;
        for (offset = end; offset < length; offset = _dataEnd)
        {
            if (length - offset < JournalFormat.BlockHeaderLength)
            {
                DroppedBytes = length - offset; // cut inside a block header: the block's record count is unknown
                tornOffset = offset;
                break;
            }

            string? problem = JournalBlockHeader.TryRead(_mapping.Slice(offset, JournalFormat.BlockHeaderLength), out block)
                ? Problem(block, records, names.Count, afterGap: unreported is not null) // until a records block re-anchors the count
                : CorruptHeaderProblem;
            if (problem is not null)
            {
                ThrowIfProblem(offset, _skipDamagedBlocks ? null : problem);
                long next = FindNextBlock(offset, records, names.Count, out block);
                if (unreported is { } earlier)
                {
                    ReportSkippedRange(earlier.From, earlier.To, records: -1, earlier.Problem);
                }

                if (next < 0)
                {
                    ReportSkippedRange(offset, length, records: -1, problem);
                    unreported = null;
                    break;
                }

                _gaps.Add((offset, next));
                unreported = (offset, next, records, problem);
                offset = next;
            }

            if (unreported is not null)
            {
                // Blocks after a gap may start past what was counted: the skipped range defined those symbols and records.
                while (block.Type == JournalBlockType.Symbols && names.Count < block.FirstIndex)
                {
                    names.Add(null);
                }

                if (block.Type == JournalBlockType.Records)
                {
                    records = block.FirstIndex;
                }
            }

            if (unreported is { } gap && block.Type == JournalBlockType.Records)
            {
                ReportSkippedRange(gap.From, gap.To, block.FirstIndex - gap.RecordsBefore, gap.Problem);
                unreported = null;
            }

            long payloadStart = offset + JournalFormat.BlockHeaderLength;
            long present = length - payloadStart;
            if (block.PayloadLength > present)
            {
                // A torn compressed block gives nothing back: its records cannot be decompressed from part of it.
                bool plainRecords = block.Type == JournalBlockType.Records && block.Compression == JournalCompression.None;
                int complete = plainRecords ? (int)(present / JournalFormat.RecordLength) : 0;
                if (complete > 0)
                {
                    _tailOffset = offset;
                    _tailRecords = complete;
                    records += complete;
                }

                long usedEnd = complete > 0 ? payloadStart + ((long)complete * JournalFormat.RecordLength) : offset;
                DroppedBytes = length - usedEnd;
                TruncatedRecords = block.Type == JournalBlockType.Records ? block.Count - complete : 0;
                tornOffset = offset;
                _dataEnd = offset;
                break;
            }

            if (block.Type == JournalBlockType.Symbols)
            {
                ReadSymbols(offset, block, names, canSkip: true);
            }
            else
            {
                records += block.Count;
                if (block.Compression != JournalCompression.None)
                {
                    _decodedLength = Math.Max(_decodedLength, block.RecordsLength);
                }
            }

            _dataEnd = payloadStart + block.PayloadLength;
        }

        if (unreported is { } last)
        {
            ReportSkippedRange(last.From, last.To, records: -1, last.Problem);
        }

        RecordCount = records;
        if (tornOffset >= 0 && (DroppedBytes > 0 || TruncatedRecords > 0))
        {
            string lostRecords = TruncatedRecords > 0
                ? string.Create(CultureInfo.InvariantCulture, $" and {TruncatedRecords:N0} records of the partial block")
                : "";
            _losses.AddDamage(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: journal ends in a partial block at byte {tornOffset}; {records:N0} events recovered, the last {DroppedBytes:N0} bytes{lostRecords} lost (the writer did not finish)"));
        }

        return header;
    }

    // Resynchronisation: the next 8-aligned offset after a damaged block where a block header's checksum holds and it
    // fits the sequence so far. -1 when there is none before the end.
    private long FindNextBlock(long damaged, long recordsBefore, int symbolsBefore, out JournalBlockHeader block)
    {
        long length = _mapping.Length;
        for (long offset = damaged + JournalFormat.Alignment; length - offset >= JournalFormat.BlockHeaderLength; offset += JournalFormat.Alignment)
        {
            if (JournalBlockHeader.TryRead(_mapping.Slice(offset, JournalFormat.BlockHeaderLength), out block) &&
                Problem(block, recordsBefore, symbolsBefore, afterGap: true) is null)
            {
                return offset;
            }
        }

        block = default;
        return -1;
    }

    // Counts the records lost in a skipped range (exact when a records block follows it: its file-wide first index).
    private void ReportSkippedRange(long from, long to, long records, string problem)
    {
        string lost = records >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{records:N0} records")
            : "an unknown number of records";
        string resumed = to < _mapping.Length
            ? string.Create(CultureInfo.InvariantCulture, $"resumed at the next valid block at byte {to}")
            : "no valid block after it";
        _losses.AddDamage(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: byte offset {from}: {problem}: skipped {to - from:N0} bytes, {lost}; {resumed}"));
        if (records > 0)
        {
            _losses.CountSkipped(DamagedBlockLabel, records);
        }
    }

    private void ThrowIfProblem(long offset, string? problem)
    {
        if (problem is not null)
        {
            JournalThrowHelper.ThrowFormat(Name, offset, problem);
        }
    }

    // Header checksums passed, so a failure here is a writer bug or a crafted file rather than a flipped bit. After a
    // skipped range the sequence may jump ahead (by the blocks skipped), never back.
    private string? Problem(in JournalBlockHeader block, long recordsBefore, int symbolsBefore, bool afterGap = false)
    {
        if (block.Type == JournalBlockType.Records)
        {
            if (block.Count is < 0 or > JournalFormat.MaxRecordsPerBlock)
            {
                return "records block length does not match its record count";
            }

            if (block.Compression == JournalCompression.None)
            {
                if (block.PayloadLength != block.RecordsLength || block.CompressedLength != 0)
                {
                    return "records block length does not match its record count";
                }
            }
            else if (_formatVersion < 2 || block.Compression is not (JournalCompression.Lz4 or JournalCompression.Zstd))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"unknown compression {(int)block.Compression} in a format version {_formatVersion} journal");
            }
            else if (block.CompressedLength <= 0 || block.CompressedLength >= block.RecordsLength ||
                block.PayloadLength != JournalSymbols.Padded(block.CompressedLength))
            {
                return "compressed records block lengths do not match its record count";
            }

            return block.FirstIndex == recordsBefore || (afterGap && block.FirstIndex > recordsBefore) ? null : string.Create(
                CultureInfo.InvariantCulture, $"records block out of sequence: it starts at record {block.FirstIndex}, expected {recordsBefore}");
        }

        if (block.Type == JournalBlockType.Symbols)
        {
            if (block.Count < 0 || block.PayloadLength < 0 || block.PayloadLength % JournalFormat.Alignment != 0 ||
                block.Compression != JournalCompression.None || block.CompressedLength != 0)
            {
                return "symbols block has an invalid count or length";
            }

            return block.FirstIndex == symbolsBefore || (afterGap && block.FirstIndex > symbolsBefore) ? null : string.Create(
                CultureInfo.InvariantCulture, $"symbols block out of sequence: it defines ids from {block.FirstIndex}, expected {symbolsBefore}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"unknown block type {(int)block.Type}");
    }

    // A damaged definitions block loses its names (when skipping damage); records that use them are skipped on read.
    private void ReadSymbols(long offset, in JournalBlockHeader block, List<string?> names, bool canSkip)
    {
        ReadOnlySpan<byte> payload = _mapping.Slice(offset + JournalFormat.BlockHeaderLength, block.PayloadLength);
        var decoded = new List<string>(block.Count);
        string? problem = null;
        long problemOffset = offset;
        if (XxHash3.HashToUInt64(payload) != block.PayloadChecksum)
        {
            problem = "symbols block checksum mismatch (corrupt symbol table)";
        }
        else if (JournalSymbols.TryDecode(payload, block.Count, decoded) is int bad and >= 0)
        {
            problem = "invalid symbol definition";
            problemOffset = offset + JournalFormat.BlockHeaderLength + bad;
        }

        if (problem is null)
        {
            names.AddRange(decoded);
            return;
        }

        ThrowIfProblem(problemOffset, canSkip && _skipDamagedBlocks ? null : problem);
        for (int i = 0; i < block.Count; i++)
        {
            names.Add(null);
        }

        _losses.AddDamage(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: byte offset {problemOffset}: {problem}: {block.Count:N0} symbol definitions lost; records of those symbols are skipped"));
    }
}
