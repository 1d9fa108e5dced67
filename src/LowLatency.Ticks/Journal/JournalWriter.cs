using System.IO.Hashing;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace LowLatency.Ticks.Journal;

/// <summary>
/// Appends ticks to a new journal file (<see cref="JournalFormat"/>). Records collect in one block buffer, written
/// with its header in a single call when full, on <see cref="Flush"/> and on <see cref="Dispose"/>. A symbol is named in
/// a Symbols block written just before the records block that first uses it. Not thread-safe; one producer owns it.
/// </summary>
/// <remarks>
/// <para>Records blocks are compressed as <see cref="JournalWriterOptions.Compression"/> says (LZ4 by default), one block
/// at a time into a buffer kept for the writer's life; a block that would not shrink is stored as it is.</para>
/// <para>The header's symbol table is the <see cref="SymbolTable"/> as it is at <see cref="Create(string, SymbolTable)"/>,
/// with journal ids equal to the table's ids; symbols added to the table later get the next journal ids when first
/// appended. Journal ids are mapped back into the reader's table on open.</para>
/// </remarks>
public sealed class JournalWriter : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly SymbolTable _symbols;

    // SymbolTable id -> journal id, -1 until the symbol is defined in the file.
    private readonly int[] _journalIds;

    // Block header space, then RecordsPerBlock records: one buffer so a block goes out in one write call.
    private readonly byte[] _recordBlock;
    private readonly int _recordsPerBlock;
    private int _blockRecords;

    // Compressed records blocks are built here (header space, then the codec output); set once the header is out.
    private JournalCompression _compression;
    private JournalBlockCodec? _codec;
    private byte[] _compressedBlock = [];

    // Pending definitions after block header space; grows on the cold path only.
    private byte[] _symbolBlock = new byte[1024];
    private int _symbolBlockLength = JournalFormat.BlockHeaderLength;
    private int _pendingSymbols;
    private int _symbolCount;

    private long _recordsWritten;
    private long _position;
    private bool _disposed;

    private JournalWriter(string path, SafeFileHandle file, SymbolTable symbols, in JournalWriterOptions options)
    {
        Path = path;
        _file = file;
        _symbols = symbols;
        _recordsPerBlock = options.RecordsPerBlock;
        _recordBlock = new byte[JournalFormat.BlockHeaderLength + (_recordsPerBlock * JournalFormat.RecordLength)];
        _journalIds = new int[symbols.Capacity];
        _journalIds.AsSpan().Fill(-1);

        int headerSymbols = symbols.Count;
        for (int id = 0; id < headerSymbols; id++)
        {
            DefineSymbol(new SymbolId(id));
        }

        // File header and header symbol table in one write, so the file is a valid (empty) journal from here on.
        long createdNs = JournalHeader.ToUnixNs(options.CreatedUtc ?? DateTime.UtcNow);
        ReadOnlySpan<byte> symbolBlock = SealSymbolBlock();
        var header = new byte[JournalFormat.FileHeaderLength + symbolBlock.Length];
        // Uncompressed, the file is exactly what the version 1 writer wrote (compression bytes zero), so it says
        // version 1 and builds from before compression read it too.
        JournalHeader.WriteFixed(header, createdNs,
            options.Compression == JournalCompression.None ? JournalFormat.MinFormatVersion : JournalFormat.FormatVersion);
        symbolBlock.CopyTo(header.AsSpan(JournalFormat.FileHeaderLength));
        Write(header);
        ClearPendingSymbols();

        if (options.Compression != JournalCompression.None)
        {
            UseCompression(options.Compression);
        }
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Records appended so far, including those still buffered.</summary>
    public long RecordCount => _recordsWritten + _blockRecords;

    /// <summary>Symbols defined in the journal so far (header table and later definitions).</summary>
    public int SymbolCount => _symbolCount;

    /// <summary>Bytes handed to the operating system so far (the file length once nothing is buffered).</summary>
    public long Length => _position;

    /// <summary>Creates (or overwrites) <paramref name="path"/> with default options.</summary>
    public static JournalWriter Create(string path, SymbolTable symbols) => Create(path, symbols, new JournalWriterOptions());

    /// <summary>
    /// Creates (or overwrites) <paramref name="path"/> and writes the header, naming every symbol <paramref name="symbols"/>
    /// holds now. <see cref="Append"/> names symbols added to the table later.
    /// </summary>
    public static JournalWriter Create(string path, SymbolTable symbols, in JournalWriterOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        if (options.RecordsPerBlock is < 1 or > JournalFormat.MaxRecordsPerBlock)
        {
            JournalThrowHelper.ThrowArgumentOutOfRange(nameof(options), "RecordsPerBlock must be within 1..1048576.");
        }

        if (options.Compression is not (JournalCompression.None or JournalCompression.Lz4 or JournalCompression.Zstd))
        {
            JournalThrowHelper.ThrowArgumentOutOfRange(nameof(options), "Compression must be None, Lz4 or Zstd.");
        }

        if (options.CreatedUtc is { Kind: DateTimeKind.Local })
        {
            JournalThrowHelper.ThrowArgument(nameof(options), "CreatedUtc must be a UTC time, not a local one.");
        }

        SafeFileHandle file = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        try
        {
            return new JournalWriter(path, file, symbols, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Buffers the input fields of <paramref name="e"/> (stage fields and ingest stamp are not stored). Allocates nothing
    /// once the symbol is known; the first event of a new symbol defines it (a cold path that allocates its name bytes).
    /// </summary>
    /// <exception cref="ArgumentException">The event is neither a trade nor a quote.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The event's symbol is not in the writer's <see cref="SymbolTable"/>.</exception>
    public void Append(in MarketEvent e)
    {
        if (_disposed)
        {
            JournalThrowHelper.ThrowObjectDisposed(this);
        }

        if (e.Kind is not (MarketEventKind.Trade or MarketEventKind.Quote))
        {
            JournalThrowHelper.ThrowArgument(nameof(e), "Only trades and quotes can be journaled.");
        }

        int tableId = e.Symbol.Value;
        int journalId = (uint)tableId < (uint)_journalIds.Length ? _journalIds[tableId] : -1;
        if (journalId < 0)
        {
            journalId = DefineSymbol(e.Symbol);
        }

        int offset = JournalFormat.BlockHeaderLength + (_blockRecords * JournalFormat.RecordLength);
        JournalRecord.Write(_recordBlock.AsSpan(offset, JournalFormat.RecordLength), in e, journalId);
        if (++_blockRecords == _recordsPerBlock)
        {
            WriteBlocks();
        }
    }

    /// <summary>
    /// Writes the buffered records (a partial block) and pending symbol definitions. After it returns the records
    /// survive the process being killed; pass <paramref name="toDisk"/> to also survive a power loss (fsync).
    /// </summary>
    public void Flush(bool toDisk = false)
    {
        if (_disposed)
        {
            JournalThrowHelper.ThrowObjectDisposed(this);
        }

        WriteBlocks();
        if (toDisk)
        {
            RandomAccess.FlushToDisk(_file);
        }
    }

    /// <summary>Writes what is buffered and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            WriteBlocks();
        }
        finally
        {
            _disposed = true;
            _codec?.Dispose();
            _file.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int DefineSymbol(SymbolId symbol)
    {
        string name = _symbols.GetName(symbol); // throws for an id the table does not hold
        int length = JournalSymbols.EncodedLength(name);
        if (length < 0)
        {
            JournalThrowHelper.ThrowArgument(nameof(symbol), "Symbol '" + name + "' is longer than 255 UTF-8 bytes.");
        }

        int needed = JournalSymbols.Padded(_symbolBlockLength + length);
        if (needed > _symbolBlock.Length)
        {
            Array.Resize(ref _symbolBlock, Math.Max(needed, _symbolBlock.Length * 2));
        }

        _symbolBlockLength += JournalSymbols.Write(_symbolBlock.AsSpan(_symbolBlockLength), name);
        _pendingSymbols++;
        _journalIds[symbol.Value] = _symbolCount;
        return _symbolCount++;
    }

    // Cold: once per block. Definitions go first, so each precedes the first record that uses it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteBlocks()
    {
        if (_pendingSymbols > 0)
        {
            Write(SealSymbolBlock());
            ClearPendingSymbols();
        }

        if (_blockRecords > 0)
        {
            int payloadLength = _blockRecords * JournalFormat.RecordLength;
            Span<byte> block = _recordBlock.AsSpan(0, JournalFormat.BlockHeaderLength + payloadLength);
            if (_codec is null || !TryWriteCompressed(block[JournalFormat.BlockHeaderLength..]))
            {
                ulong checksum = XxHash3.HashToUInt64(block[JournalFormat.BlockHeaderLength..]);
                new JournalBlockHeader(JournalBlockType.Records, _blockRecords, payloadLength, _recordsWritten, checksum).Write(block);
                Write(block);
            }

            _recordsWritten += _blockRecords;
            _blockRecords = 0;
        }
    }

    // Out of line and after the header: loading the codec assemblies takes milliseconds, and a writer killed meanwhile
    // should leave a valid (empty) journal, not an empty file.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UseCompression(JournalCompression compression)
    {
        _compression = compression;
        _codec = new JournalBlockCodec();
        int bound = JournalBlockCodec.MaxCompressedLength(_recordsPerBlock * JournalFormat.RecordLength);
        _compressedBlock = new byte[JournalFormat.BlockHeaderLength + JournalSymbols.Padded(bound)];
    }

    // The checksum covers the stored (compressed, padded) bytes, so a reader finds damage before decompressing anything.
    // False, writing nothing, when the block would not shrink: it is then stored as it is.
    private bool TryWriteCompressed(ReadOnlySpan<byte> records)
    {
        Span<byte> payload = _compressedBlock.AsSpan(JournalFormat.BlockHeaderLength);
        int compressedLength = _codec!.TryCompress(_compression, records, payload);
        int storedLength = JournalSymbols.Padded(compressedLength);
        if (compressedLength < 0 || storedLength >= records.Length)
        {
            return false;
        }

        payload[compressedLength..storedLength].Clear();
        Span<byte> block = _compressedBlock.AsSpan(0, JournalFormat.BlockHeaderLength + storedLength);
        ulong checksum = XxHash3.HashToUInt64(block[JournalFormat.BlockHeaderLength..]);
        new JournalBlockHeader(JournalBlockType.Records, _blockRecords, storedLength, _recordsWritten, checksum, _compression, compressedLength)
            .Write(block);
        Write(block);
        return true;
    }

    /// <summary>Pads and heads the pending definitions as one Symbols block (pending until the block is written).</summary>
    private ReadOnlySpan<byte> SealSymbolBlock()
    {
        int firstId = _symbolCount - _pendingSymbols;
        int end = JournalSymbols.Padded(_symbolBlockLength);
        Span<byte> block = _symbolBlock.AsSpan(0, end);
        block[_symbolBlockLength..].Clear();
        ReadOnlySpan<byte> payload = block[JournalFormat.BlockHeaderLength..];
        new JournalBlockHeader(JournalBlockType.Symbols, _pendingSymbols, payload.Length, firstId, XxHash3.HashToUInt64(payload))
            .Write(block);
        return block;
    }

    private void ClearPendingSymbols()
    {
        _pendingSymbols = 0;
        _symbolBlockLength = JournalFormat.BlockHeaderLength;
    }

    // One positional write per block: nothing is buffered below us, and a failed write is retried at the same offset.
    private void Write(ReadOnlySpan<byte> bytes)
    {
        RandomAccess.Write(_file, bytes, _position);
        _position += bytes.Length;
    }
}
