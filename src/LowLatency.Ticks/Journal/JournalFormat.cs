using System.Buffers.Binary;

namespace LowLatency.Ticks.Journal;

/// <summary>
/// The on-disk layout of a tick journal (<c>.lltj</c>): every offset named in one place, as Aeron's <c>*Descriptor</c>
/// classes do. All integers are little-endian; every block starts at a multiple of <see cref="Alignment"/>.
/// </summary>
/// <remarks>
/// <code>
/// file   = file header (64 bytes) | header Symbols block (the initial symbol table) | block*
/// block  = block header (40 bytes) | payload (PayloadLength bytes)
/// Symbols payload = Count × (uint8 UTF-8 length, name bytes), zero-padded to a multiple of 8
/// Records payload = Count × 48-byte record, or (format version 2) those bytes compressed, zero-padded to a multiple of 8
/// </code>
/// <para>The header block checksum covers the count and the payload checksum, so a block's extent is trusted before
/// its payload is read. The writer writes each block (header and payload) with one write call, and only appends, so a
/// killed writer leaves at most one torn block at the end of the file.</para>
/// <para>Version 2 adds block compression and nothing else: a records block names its codec and its compressed length
/// in bytes that version 1 reserved (zero there, which reads as uncompressed), and its payload checksum covers the
/// bytes as stored, so damage is found before anything is decompressed. A block that would not shrink is stored as it
/// is. Symbols blocks are never compressed.</para>
/// <para>A record holds the input part of a <see cref="MarketEvent"/>, not the 64-byte slot image: stage fields and the
/// ingest stamp are not stored, and the file stays independent of the in-memory layout.</para>
/// </remarks>
public static class JournalFormat
{
    public const string FileExtension = ".lltj";

    /// <summary>The bytes <c>LLTJ</c> read as a little-endian uint32.</summary>
    public const uint Magic = 0x4A544C4C;

    /// <summary>Container layout (file header, blocks) of a compressed journal: 2 = version 1 plus compressed records
    /// blocks. An uncompressed journal is written as version 1.</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest container layout this build reads (1: no compression).</summary>
    public const int MinFormatVersion = 1;

    /// <summary>Record layout this build reads and writes.</summary>
    public const int RecordLayoutVersion = 1;

    /// <summary>Every block starts at a multiple of this, so record fields are naturally aligned in the mapped file.</summary>
    public const int Alignment = 8;

    // File header: 64 bytes at offset 0. Bytes 14..16 and 24..56 are reserved (zero).
    public const int FileHeaderLength = 64;
    public const int MagicOffset = 0;                    // uint32 Magic
    public const int FormatVersionOffset = 4;            // uint16
    public const int RecordLayoutVersionOffset = 6;      // uint16
    public const int FileHeaderLengthOffset = 8;         // uint16, 64
    public const int BlockHeaderLengthOffset = 10;       // uint16, 40
    public const int RecordLengthOffset = 12;            // uint16, 48
    public const int CreatedUtcNsOffset = 16;            // int64, creation time in ns since the Unix epoch (UTC)
    public const int FileHeaderChecksumOffset = 56;      // uint64, XxHash3-64 of bytes 0..56

    /// <summary>Where the header Symbols block (journal ids from 0) starts; the first data block follows it.</summary>
    public const int HeaderSymbolsOffset = FileHeaderLength;

    // Block header: 40 bytes. Byte 3 is reserved (zero); in version 1 bytes 2..4 and 12..16 are all reserved (zero).
    public const int BlockHeaderLength = 40;
    public const int BlockTypeOffset = 0;                // uint16 JournalBlockType
    public const int BlockCompressionOffset = 2;         // uint8 JournalCompression of a Records payload (version 2)
    public const int BlockCountOffset = 4;               // int32, records or symbol definitions in the payload
    public const int BlockPayloadLengthOffset = 8;       // int32, payload bytes stored after the block header (padding included)
    public const int BlockCompressedLengthOffset = 12;   // int32, codec output bytes at the payload's start; 0 when not compressed
    public const int BlockFirstIndexOffset = 16;         // int64, Records: file-wide index of the first record; Symbols: first journal id
    public const int BlockPayloadChecksumOffset = 24;    // uint64, XxHash3-64 of the payload as stored (compressed, padded)
    public const int BlockHeaderChecksumOffset = 32;     // uint64, XxHash3-64 of block header bytes 0..32

    // Record: 48 bytes. Bytes 45..48 are reserved (zero).
    public const int RecordLength = 48;
    public const int RecordTimestampOffset = 0;          // int64 TimestampNs
    public const int RecordPriceOffset = 8;              // int64 FixedPoint raw: Price (trade) or BidPrice (quote)
    public const int RecordSizeOffset = 16;              // int64 FixedPoint raw: Size (trade) or BidSize (quote)
    public const int RecordAskPriceOffset = 24;          // int64 FixedPoint raw, zero for a trade
    public const int RecordAskSizeOffset = 32;           // int64 FixedPoint raw, zero for a trade
    public const int RecordSymbolOffset = 40;            // int32 journal symbol id (defined by an earlier Symbols block)
    public const int RecordKindOffset = 44;              // uint8 MarketEventKind: 1 trade, 2 quote
    public const int RecordFlagsOffset = 45;             // uint8 MarketEventFlags (0 in journals written before it was kept)

    /// <summary>A symbol definition's length prefix is one byte.</summary>
    public const int MaxSymbolNameBytes = 255;

    /// <summary>48 KiB payloads: small enough that a corrupt block costs little, large enough to amortize the header.</summary>
    public const int DefaultRecordsPerBlock = 1024;

    /// <summary>Keeps a Records payload within an <see cref="int"/> length.</summary>
    public const int MaxRecordsPerBlock = 1 << 20;

    /// <summary>True when <paramref name="fileStart"/> begins with the journal magic (for format detection).</summary>
    public static bool HasMagic(ReadOnlySpan<byte> fileStart) =>
        fileStart.Length >= sizeof(uint) &&
        BinaryPrimitives.ReadUInt32LittleEndian(fileStart) == Magic;
}
