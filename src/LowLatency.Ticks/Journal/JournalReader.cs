using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace LowLatency.Ticks.Journal;

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
/// complete record and reports the rest in <see cref="DroppedBytes"/> and <see cref="TruncatedRecords"/>, and as a
/// damage line in <see cref="Losses"/>. The complete records of a torn block cannot be checksum-verified (the checksum
/// covers the whole block); they are still checked for a valid kind and symbol id and counted in
/// <see cref="UnverifiedTailRecords"/>.</para>
/// <para>Corruption (a block header or payload failing its checksum, an invalid record) is an error naming its byte
/// offset, unless the reader was opened to skip damaged blocks: then it resynchronises at the next valid block header
/// (found by scanning forward at 8-byte steps for a header whose checksum holds; XxHash3-64 makes a false match
/// negligible) and counts the records it skipped in <see cref="Losses"/>, exactly, from the file-wide index in the next
/// records block header. No format change was needed: every block header already carries its own checksum.</para>
/// <para>A compressed records block (format version 2) is verified as stored, then decompressed whole into one buffer
/// the reader keeps (sized at open for the largest block), and its records are decoded from there: a block's 48 KiB
/// by default, so it stays in cache while the records are handed out.</para>
/// <para>The file must not be shortened while it is open: the map would fault.</para>
/// </remarks>
public sealed partial class JournalReader : ITickSource
{
    private const string DamagedBlockLabel = "in damaged journal blocks";

    private readonly JournalMapping _mapping;
    private readonly bool _skipDamagedBlocks;
    private readonly TickLosses _losses = new();

    // Journal symbol id -> id in the caller's SymbolTable; -1 for an id whose definition was lost with a damaged block.
    private readonly int[] _tableIds;
    private readonly string[] _symbolNames;

    // Set by WalkBlocks: blocks [Header.Length, _dataEnd) are complete, except the skipped ranges in _gaps (damaged
    // blocks, jumped over in order); a torn records block may follow at _tailOffset.
    private readonly List<(long From, long To)> _gaps = [];
    private int _formatVersion;
    private long _dataEnd;
    private long _tailOffset = -1;
    private int _tailRecords;
    private int _gapIndex;

    // Compressed blocks decompress here; _decodedLength (set by the walk) is the largest one's records bytes.
    private readonly JournalBlockCodec _codec = new();
    private byte[] _decoded = [];
    private int _decodedLength;

    private long _blockOffset;
    private long _blockStart;
    private long _recordOffset; // in the file, or in _decoded when _inDecoded
    private bool _inDecoded;
    private int _blockRemaining;
    private bool _tailStarted;
    private long _rowsRead;
    private bool _disposed;

    private JournalReader(string path, JournalMapping mapping, SymbolTable symbols, bool skipDamagedBlocks)
    {
        Name = path;
        _mapping = mapping;
        _skipDamagedBlocks = skipDamagedBlocks;
        var names = new List<string?>();
        Header = WalkBlocks(names);

        // Names are interned only once the whole walk has passed, so a bad file adds nothing to the caller's table.
        _symbolNames = new string[names.Count];
        _tableIds = new int[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            _symbolNames[i] = names[i] ?? LostSymbolName(i);
            _tableIds[i] = names[i] is { } name ? symbols.GetOrAdd(name).Value : -1;
        }

        _decoded = new byte[_decodedLength];
        _blockOffset = Header.Length;
    }

    /// <summary>The path the journal was opened with.</summary>
    public string Name { get; }

    public JournalHeader Header { get; }

    /// <summary>Every symbol the journal defines (header table, then later definitions), indexed by journal id.</summary>
    public IReadOnlyList<string> SymbolNames => _symbolNames;

    /// <summary>Complete records in the file, torn tail included: what a full read returns, less any record a skipped
    /// damaged block holds (found on reading, and counted in <see cref="Losses"/>).</summary>
    public long RecordCount { get; private set; }

    /// <summary>Records read so far.</summary>
    public long RowsRead => _rowsRead;

    /// <summary>Records lost to damaged blocks and invalid records (only when skipping them; otherwise they throw).</summary>
    public long SkippedRows => _losses.SkippedRows;

    /// <summary>Damaged blocks skipped (bytes, records) and a torn end (where, and how many events were recovered).</summary>
    public TickLosses Losses => _losses;

    /// <summary>Always 0: every record is a tick.</summary>
    public long IgnoredRows => 0;

    /// <summary>Bytes at the end of the file after the last complete record or block: a partial record, a partial block
    /// header, or a torn Symbols block. 0 for a cleanly closed file.</summary>
    public long DroppedBytes { get; private set; }

    /// <summary>Records the torn last block declared but the file does not hold completely (the partial one included).
    /// 0 when the cut fell inside a block header, where the count is lost with the header.</summary>
    public int TruncatedRecords { get; private set; }

    /// <summary>Complete records read from a torn last block, whose checksum cannot be verified.</summary>
    public int UnverifiedTailRecords => _tailRecords;

    /// <summary>True when the file ends in a torn block (the writer did not finish it).</summary>
    public bool IsTruncated => DroppedBytes > 0 || TruncatedRecords > 0;

    /// <summary>File length in bytes when it was opened.</summary>
    public long FileLength => _mapping.Length;

    /// <summary>Opens <paramref name="path"/> and interns its symbols into <paramref name="symbols"/>; damage is an error.</summary>
    /// <exception cref="TickFormatException">Not a journal, an unsupported version, a truncated header, or a corrupt
    /// block header or symbol table (with its byte offset).</exception>
    public static JournalReader Open(string path, SymbolTable symbols) => Open(path, symbols, new TickReadOptions());

    /// <summary>
    /// Opens <paramref name="path"/>; with <see cref="TickReadOptions.SkipBadRows"/>, damaged blocks and invalid records
    /// after the header are skipped and counted in <see cref="Losses"/> instead of thrown.
    /// </summary>
    /// <exception cref="TickFormatException">Not a journal, an unsupported version, a truncated or corrupt header
    /// (file header or header symbol table), or damage when not skipping it.</exception>
    public static JournalReader Open(string path, SymbolTable symbols, TickReadOptions options)
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
            return new JournalReader(path, mapping, symbols, options.SkipBadRows);
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
        while (_blockRemaining > 0 || NextRecordBlock())
        {
            long offset = _recordOffset;
            if (JournalRecord.TryRead(Records(offset, JournalFormat.RecordLength), _tableIds, ref e))
            {
                _recordOffset = offset + JournalFormat.RecordLength;
                _blockRemaining--;
                _rowsRead++;
                return true;
            }

            SkipBadRecord(offset); // throws unless skipping: then the reader has not moved
            _recordOffset = offset + JournalFormat.RecordLength;
            _blockRemaining--;
            _rowsRead++;
        }

        return false;
    }

    /// <summary>Fills <paramref name="destination"/> from the front; returns how many were read (0 at the end).</summary>
    public int ReadBatch(Span<MarketEvent> destination)
    {
        int filled = 0;
        while (filled < destination.Length && (_blockRemaining > 0 || NextRecordBlock()))
        {
            int count = Math.Min(_blockRemaining, destination.Length - filled);
            ReadOnlySpan<byte> records = Records(_recordOffset, count * JournalFormat.RecordLength);
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> record = records.Slice(i * JournalFormat.RecordLength, JournalFormat.RecordLength);
                if (JournalRecord.TryRead(record, _tableIds, ref destination[filled]))
                {
                    filled++;
                }
                else
                {
                    SkipBadRecord(_recordOffset + ((long)i * JournalFormat.RecordLength));
                }
            }

            _recordOffset += (long)count * JournalFormat.RecordLength;
            _blockRemaining -= count;
            _rowsRead += count;
        }

        return filled;
    }

    public void Dispose()
    {
        _disposed = true;
        _blockRemaining = 0; // the next read takes the slow path, which throws
        _mapping.Dispose();
        _codec.Dispose();
    }

    // Cold: once per block. Unless damage is skipped, the block offset only moves past a block once it has verified,
    // so a retry throws again.
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
            if (_gapIndex < _gaps.Count && _gaps[_gapIndex].From == offset)
            {
                _blockOffset = _gaps[_gapIndex++].To; // a damaged range the walk at open found and reported
                continue;
            }

            JournalBlockHeader block = ReadBlockHeader(offset);
            long payloadStart = offset + JournalFormat.BlockHeaderLength;
            if (block.Type == JournalBlockType.Records)
            {
                // Checksum over the stored bytes first: a flipped byte is found before the codec sees it.
                ReadOnlySpan<byte> payload = _mapping.Slice(payloadStart, block.PayloadLength);
                string? problem = XxHash3.HashToUInt64(payload) != block.PayloadChecksum
                    ? "records block checksum mismatch"
                    : block.Compression != JournalCompression.None && !Decompress(block, payload)
                        ? "compressed records block does not decompress"
                        : null;
                if (problem is not null)
                {
                    SkipCorruptRecordsBlock(offset, block, problem); // throws unless skipping
                    _blockOffset = payloadStart + block.PayloadLength;
                    continue;
                }

                _blockOffset = payloadStart + block.PayloadLength;
                if (block.Count == 0)
                {
                    continue;
                }

                _blockStart = offset;
                _inDecoded = block.Compression != JournalCompression.None;
                _recordOffset = _inDecoded ? 0 : payloadStart;
                _blockRemaining = block.Count;
                return true;
            }

            _blockOffset = payloadStart + block.PayloadLength;
        }

        if (_tailRecords > 0 && !_tailStarted)
        {
            _tailStarted = true;
            _blockStart = _tailOffset;
            _inDecoded = false;
            _recordOffset = _tailOffset + JournalFormat.BlockHeaderLength;
            _blockRemaining = _tailRecords;
            return true;
        }

        return false;
    }

    // The current block's records: in the mapped file, or in the decompression buffer.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Records(long offset, int length) =>
        _inDecoded ? new ReadOnlySpan<byte>(_decoded, (int)offset, length) : _mapping.Slice(offset, length);

    private bool Decompress(in JournalBlockHeader block, ReadOnlySpan<byte> payload)
    {
        if (block.RecordsLength > _decoded.Length)
        {
            _decoded = new byte[block.RecordsLength]; // not after a complete walk, which sized it for every block
        }

        return _codec.TryDecompress(block.Compression, payload[..block.CompressedLength], _decoded.AsSpan(0, block.RecordsLength));
    }

    private JournalBlockHeader ReadBlockHeader(long offset)
    {
        if (!JournalBlockHeader.TryRead(_mapping.Slice(offset, JournalFormat.BlockHeaderLength), out JournalBlockHeader block))
        {
            JournalThrowHelper.ThrowFormat(Name, offset, "block header checksum mismatch (corrupt, or not a block boundary)");
        }

        return block;
    }

    // An invalid record, or one whose symbol was defined in a damaged block: thrown, or counted when skipping damage.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SkipBadRecord(long recordOffset)
    {
        ReadOnlySpan<byte> record = Records(recordOffset, JournalFormat.RecordLength);
        long offset = _inDecoded ? _blockStart : recordOffset; // a compressed record has no file offset of its own
        int kind = record[JournalFormat.RecordKindOffset];
        int symbol = BinaryPrimitives.ReadInt32LittleEndian(record[JournalFormat.RecordSymbolOffset..]);
        bool lostSymbol = kind is 1 or 2 && symbol >= 0 && (symbol < _tableIds.Length || _gaps.Count > 0); // after a gap: defined there
        if (!_skipDamagedBlocks)
        {
            JournalThrowHelper.ThrowFormat(Name, offset, lostSymbol
                ? string.Create(CultureInfo.InvariantCulture, $"record of symbol id {symbol}, whose definition was lost with a damaged block")
                : string.Create(CultureInfo.InvariantCulture, $"invalid record: kind {kind} (1 trade, 2 quote), symbol id {symbol} ({_tableIds.Length} defined)"));
        }

        _losses.CountSkipped(lostSymbol ? "symbol lost with a damaged block" : "invalid record");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SkipCorruptRecordsBlock(long offset, in JournalBlockHeader block, string reason)
    {
        string problem = string.Create(CultureInfo.InvariantCulture,
            $"{reason}: the block of {block.Count} records from record {block.FirstIndex} is corrupt");
        if (!_skipDamagedBlocks)
        {
            JournalThrowHelper.ThrowFormat(Name, offset, problem);
        }

        RecordCount -= block.Count;
        _losses.CountSkipped(DamagedBlockLabel, block.Count);
        _losses.AddDamage(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: byte offset {offset}: {problem}; its {block.Count:N0} records were skipped"));
    }

    private static string LostSymbolName(int id) => string.Create(CultureInfo.InvariantCulture, $"<symbol {id}: definition lost>");
}
