namespace LowLatency.Ticks.Journal;

/// <summary>How a records block's payload is stored (<see cref="JournalFormat.BlockCompressionOffset"/>).</summary>
public enum JournalCompression : byte
{
    /// <summary>The records as they are: the only kind a format version 1 journal holds.</summary>
    None = 0,

    /// <summary>An LZ4 block (no frame), the writers' default: on the shared LEAN ticks 17 % of the uncompressed size,
    /// decompressed at 8-11 ns per tick (JournalCodecBenchmarks).</summary>
    Lz4 = 1,

    /// <summary>A Zstandard frame (level 1): 9 % of the uncompressed size, but 2-3x LZ4's decompression time, which
    /// replay pays on every block.</summary>
    Zstd = 2,
}
