namespace LowLatency.Ticks.Journal;

/// <summary>How <see cref="JournalWriter"/> writes; validated once by <see cref="JournalWriter.Create(string, SymbolTable, in JournalWriterOptions)"/>.</summary>
public readonly record struct JournalWriterOptions
{
    public JournalWriterOptions()
    {
    }

    /// <summary>
    /// Records per block, 1..<see cref="JournalFormat.MaxRecordsPerBlock"/>: the unit of checksum and of one write call.
    /// A full block is written at once; <see cref="JournalWriter.Flush"/> writes a partial one.
    /// </summary>
    public int RecordsPerBlock { get; init; } = JournalFormat.DefaultRecordsPerBlock;

    /// <summary>
    /// How records blocks are stored (default LZ4). A block that would not shrink is stored uncompressed; Symbols blocks
    /// always are. Compressed journals carry format version 2; <see cref="JournalCompression.None"/> writes format
    /// version 1, byte for byte what builds before compression wrote and read.
    /// </summary>
    public JournalCompression Compression { get; init; } = JournalCompression.Lz4;

    /// <summary>Creation time stored in the header (UTC or unspecified, read as UTC); null means the time of creation.
    /// Set it to write byte-identical files.</summary>
    public DateTime? CreatedUtc { get; init; }
}
