using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace LowLatency.Market.Ticks.Journal;

/// <summary>
/// Reads a tick journal (<see cref="JournalFormat"/>) through a read-only memory map, decoding each record straight into
/// the caller's slot. Each records block's checksum is verified before any of its records is handed out. Not
/// thread-safe; one consumer owns it.
/// </summary>
/// <remarks>
/// <para>Open walks the block headers once (one page touched per block): it checks every header checksum and the block
/// sequence, verifies and decodes the symbol definitions, interns the names into the caller's table (only once the
/// whole walk has passed, so a bad file adds nothing), and counts the records, so <see cref="RecordCount"/> is exact.</para>
/// <para>A torn end (the writer was killed mid-write, or the file was cut) is not an error: the reader hands out every
/// complete record and reports the rest in <see cref="DroppedBytes"/> and <see cref="TruncatedRecords"/>. The complete
/// records of a torn block cannot be checksum-verified (the checksum covers the whole block); they are still checked
/// for a valid kind and symbol id and counted in <see cref="UnverifiedTailRecords"/>.</para>
/// <para>The file must not be shortened while it is open: the map would fault.</para>
/// </remarks>
public sealed class JournalReader : ITickSource
{
    private readonly JournalMapping _mapping;

    // Journal symbol id -> id in the caller's SymbolTable.
    private readonly int[] _tableIds;
    private readonly string[] _symbolNames;

    // Blocks [Header.Length, _dataEnd) are complete; a torn records block may follow at _tailOffset.
    private readonly long _dataEnd;
    private readonly long _tailOffset = -1;
    private readonly int _tailRecords;

    private long _blockOffset;
    private long _recordOffset;
    private int _blockRemaining;
    private bool _tailStarted;
    private long _rowsRead;
    private bool _disposed;

    private JournalReader(string path, JournalMapping mapping, SymbolTable symbols)
    {
        Name = path;
        _mapping = mapping;
        long length = mapping.Length;
        DateTime createdUtc = JournalHeader.ReadFixed(path, mapping.Slice(0, (int)Math.Min(length, JournalFormat.FileHeaderLength)));

        // The header symbol table: a Symbols block that must be complete, or the header is truncated.
        var names = new List<string>();
        long offset = JournalFormat.HeaderSymbolsOffset;
        if (length - offset < JournalFormat.BlockHeaderLength)
        {
            JournalThrowHelper.ThrowTruncatedHeader(path, length, offset + JournalFormat.BlockHeaderLength);
        }

        JournalBlockHeader block = ReadBlockHeader(offset);
        if (block.Type != JournalBlockType.Symbols)
        {
            JournalThrowHelper.ThrowFormat(path, offset, "the journal header has no symbol table");
        }

        ValidateBlock(offset, block, 0, 0);
        long end = offset + JournalFormat.BlockHeaderLength + block.PayloadLength;
        if (end > length)
        {
            JournalThrowHelper.ThrowTruncatedHeader(path, length, end);
        }

        ReadSymbols(offset, block, names);
        Header = new JournalHeader(createdUtc, names.ToArray(), end);
        _dataEnd = end;

        long records = 0;
        for (offset = end; offset < length; offset = _dataEnd)
        {
            if (length - offset < JournalFormat.BlockHeaderLength)
            {
                DroppedBytes = length - offset; // cut inside a block header: the block's record count is unknown
                break;
            }

            block = ReadBlockHeader(offset);
            ValidateBlock(offset, block, records, names.Count);
            long payloadStart = offset + JournalFormat.BlockHeaderLength;
            long present = length - payloadStart;
            if (block.PayloadLength > present)
            {
                int complete = block.Type == JournalBlockType.Records ? (int)(present / JournalFormat.RecordLength) : 0;
                if (complete > 0)
                {
                    _tailOffset = offset;
                    _tailRecords = complete;
                    records += complete;
                }

                long usedEnd = complete > 0 ? payloadStart + ((long)complete * JournalFormat.RecordLength) : offset;
                DroppedBytes = length - usedEnd;
                TruncatedRecords = block.Type == JournalBlockType.Records ? block.Count - complete : 0;
                break;
            }

            if (block.Type == JournalBlockType.Symbols)
            {
                ReadSymbols(offset, block, names);
            }
            else
            {
                records += block.Count;
            }

            _dataEnd = payloadStart + block.PayloadLength;
        }

        RecordCount = records;
        _symbolNames = names.ToArray();
        _tableIds = new int[_symbolNames.Length];
        for (int i = 0; i < _symbolNames.Length; i++)
        {
            _tableIds[i] = symbols.GetOrAdd(_symbolNames[i]).Value;
        }

        _blockOffset = Header.Length;
    }

    /// <summary>The path the journal was opened with.</summary>
    public string Name { get; }

    public JournalHeader Header { get; }

    /// <summary>Every symbol the journal defines (header table, then later definitions), indexed by journal id.</summary>
    public IReadOnlyList<string> SymbolNames => _symbolNames;

    /// <summary>Complete records in the file, torn tail included: what a full read returns.</summary>
    public long RecordCount { get; }

    /// <summary>Records read so far.</summary>
    public long RowsRead => _rowsRead;

    /// <summary>Always 0: a corrupt block stops the read, since its records cannot be trusted one by one.</summary>
    public long SkippedRows => 0;

    /// <summary>Always 0: every record is a tick.</summary>
    public long IgnoredRows => 0;

    /// <summary>Bytes at the end of the file after the last complete record or block: a partial record, a partial block
    /// header, or a torn Symbols block. 0 for a cleanly closed file.</summary>
    public long DroppedBytes { get; }

    /// <summary>Records the torn last block declared but the file does not hold completely (the partial one included).
    /// 0 when the cut fell inside a block header, where the count is lost with the header.</summary>
    public int TruncatedRecords { get; }

    /// <summary>Complete records read from a torn last block, whose checksum cannot be verified.</summary>
    public int UnverifiedTailRecords => _tailRecords;

    /// <summary>True when the file ends in a torn block (the writer did not finish it).</summary>
    public bool IsTruncated => DroppedBytes > 0 || TruncatedRecords > 0;

    /// <summary>File length in bytes when it was opened.</summary>
    public long FileLength => _mapping.Length;

    /// <summary>Opens <paramref name="path"/> and interns its symbols into <paramref name="symbols"/>.</summary>
    /// <exception cref="TickFormatException">Not a journal, an unsupported version, a truncated header, or a corrupt
    /// block header or symbol table (with its byte offset).</exception>
    public static JournalReader Open(string path, SymbolTable symbols)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        JournalMapping mapping;
        try
        {
            long length = RandomAccess.GetLength(file);
            if (length == 0)
            {
                JournalThrowHelper.ThrowFormat(path, 0, "the file is empty, not a LowLatency tick journal");
            }

            mapping = JournalMapping.Create(file, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        try
        {
            return new JournalReader(path, mapping, symbols);
        }
        catch
        {
            mapping.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Overwrites <paramref name="e"/> with the next record (stage fields and ingest stamp zero) and returns true, or
    /// returns false at the end. Allocates nothing.
    /// </summary>
    /// <exception cref="TickFormatException">The next block fails its checksum (ByteOffset is the block's offset), or a
    /// record has an invalid kind or symbol id (ByteOffset is the record's).</exception>
    public bool TryRead(ref MarketEvent e)
    {
        if (_blockRemaining == 0 && !NextRecordBlock())
        {
            return false;
        }

        long offset = _recordOffset;
        if (!JournalRecord.TryRead(_mapping.Slice(offset, JournalFormat.RecordLength), _tableIds, ref e))
        {
            ThrowBadRecord(offset);
        }

        _recordOffset = offset + JournalFormat.RecordLength;
        _blockRemaining--;
        _rowsRead++;
        return true;
    }

    /// <summary>Fills <paramref name="destination"/> from the front; returns how many were read (0 at the end).</summary>
    public int ReadBatch(Span<MarketEvent> destination)
    {
        int filled = 0;
        while (filled < destination.Length && (_blockRemaining > 0 || NextRecordBlock()))
        {
            int count = Math.Min(_blockRemaining, destination.Length - filled);
            ReadOnlySpan<byte> records = _mapping.Slice(_recordOffset, count * JournalFormat.RecordLength);
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> record = records.Slice(i * JournalFormat.RecordLength, JournalFormat.RecordLength);
                if (!JournalRecord.TryRead(record, _tableIds, ref destination[filled + i]))
                {
                    ThrowBadRecord(_recordOffset + ((long)i * JournalFormat.RecordLength));
                }
            }

            _recordOffset += (long)count * JournalFormat.RecordLength;
            _blockRemaining -= count;
            _rowsRead += count;
            filled += count;
        }

        return filled;
    }

    public void Dispose()
    {
        _disposed = true;
        _blockRemaining = 0; // the next read takes the slow path, which throws
        _mapping.Dispose();
    }

    // Cold: once per block. The block offset only moves past a block once it has verified, so a retry throws again.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NextRecordBlock()
    {
        if (_disposed)
        {
            JournalThrowHelper.ThrowObjectDisposed(this);
        }

        while (_blockOffset < _dataEnd)
        {
            long offset = _blockOffset;
            JournalBlockHeader block = ReadBlockHeader(offset);
            long payloadStart = offset + JournalFormat.BlockHeaderLength;
            if (block.Type == JournalBlockType.Records &&
                XxHash3.HashToUInt64(_mapping.Slice(payloadStart, block.PayloadLength)) != block.PayloadChecksum)
            {
                JournalThrowHelper.ThrowFormat(Name, offset, string.Create(
                    CultureInfo.InvariantCulture,
                    $"records block checksum mismatch: the block of {block.Count} records from record {block.FirstIndex} is corrupt"));
            }

            _blockOffset = payloadStart + block.PayloadLength;
            if (block.Type == JournalBlockType.Records && block.Count > 0)
            {
                _recordOffset = payloadStart;
                _blockRemaining = block.Count;
                return true;
            }
        }

        if (_tailRecords > 0 && !_tailStarted)
        {
            _tailStarted = true;
            _recordOffset = _tailOffset + JournalFormat.BlockHeaderLength;
            _blockRemaining = _tailRecords;
            return true;
        }

        return false;
    }

    private JournalBlockHeader ReadBlockHeader(long offset)
    {
        if (!JournalBlockHeader.TryRead(_mapping.Slice(offset, JournalFormat.BlockHeaderLength), out JournalBlockHeader block))
        {
            JournalThrowHelper.ThrowFormat(Name, offset, "block header checksum mismatch (corrupt, or not a block boundary)");
        }

        return block;
    }

    // Header checksums passed, so a failure here is a writer bug or a crafted file rather than a flipped bit.
    private void ValidateBlock(long offset, in JournalBlockHeader block, long recordsBefore, int symbolsBefore)
    {
        string? problem = null;
        if (block.Type == JournalBlockType.Records)
        {
            if (block.Count is < 0 or > JournalFormat.MaxRecordsPerBlock ||
                block.PayloadLength != block.Count * JournalFormat.RecordLength)
            {
                problem = "records block length does not match its record count";
            }
            else if (block.FirstIndex != recordsBefore)
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"records block out of sequence: it starts at record {block.FirstIndex}, expected {recordsBefore}");
            }
        }
        else if (block.Type == JournalBlockType.Symbols)
        {
            if (block.Count < 0 || block.PayloadLength < 0 || block.PayloadLength % JournalFormat.Alignment != 0)
            {
                problem = "symbols block has an invalid count or length";
            }
            else if (block.FirstIndex != symbolsBefore)
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"symbols block out of sequence: it defines ids from {block.FirstIndex}, expected {symbolsBefore}");
            }
        }
        else
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"unknown block type {(int)block.Type}");
        }

        if (problem is not null)
        {
            JournalThrowHelper.ThrowFormat(Name, offset, problem);
        }
    }

    private void ReadSymbols(long offset, in JournalBlockHeader block, List<string> names)
    {
        ReadOnlySpan<byte> payload = _mapping.Slice(offset + JournalFormat.BlockHeaderLength, block.PayloadLength);
        if (XxHash3.HashToUInt64(payload) != block.PayloadChecksum)
        {
            JournalThrowHelper.ThrowFormat(Name, offset, "symbols block checksum mismatch (corrupt symbol table)");
        }

        int bad = JournalSymbols.TryDecode(payload, block.Count, names);
        if (bad >= 0)
        {
            JournalThrowHelper.ThrowFormat(Name, offset + JournalFormat.BlockHeaderLength + bad, "invalid symbol definition");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadRecord(long offset)
    {
        ReadOnlySpan<byte> record = _mapping.Slice(offset, JournalFormat.RecordLength);
        int kind = record[JournalFormat.RecordKindOffset];
        int symbol = BinaryPrimitives.ReadInt32LittleEndian(record[JournalFormat.RecordSymbolOffset..]);
        JournalThrowHelper.ThrowFormat(Name, offset, string.Create(
            CultureInfo.InvariantCulture,
            $"invalid record: kind {kind} (1 trade, 2 quote), symbol id {symbol} ({_tableIds.Length} defined)"));
    }
}
