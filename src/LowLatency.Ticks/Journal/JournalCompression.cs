namespace LowLatency.Ticks.Journal;

/// <summary>How a records block's payload is stored (<see cref="JournalFormat.BlockCompressionOffset"/>).</summary>
public enum JournalCompression : byte
{
    /// <summary>The records as they are: the only kind a format version 1 journal holds.</summary>
    None = 0,

    /// <summary>An LZ4 block (no frame): fast to decompress, the default for writers.</summary>
    Lz4 = 1,

    /// <summary>A Zstandard frame: smaller, several times slower to decompress than LZ4.</summary>
    Zstd = 2,
}
