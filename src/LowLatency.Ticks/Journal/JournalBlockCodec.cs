using K4os.Compression.LZ4;
using ZstdSharp;

namespace LowLatency.Ticks.Journal;

/// <summary>
/// Compresses and decompresses records payloads; one per writer or reader, reused for every block, so neither side
/// allocates per block. The Zstandard contexts are created on first use.
/// </summary>
internal sealed class JournalBlockCodec : IDisposable
{
    /// <summary>The writers' Zstandard level: level 3 came out no smaller on the shared ticks, and about half as fast to
    /// compress (JournalCodecBenchmarks).</summary>
    public const int DefaultZstdLevel = 1;

    private readonly int _zstdLevel;
    private Compressor? _zstdCompressor;
    private Decompressor? _zstdDecompressor;

    public JournalBlockCodec(int zstdLevel = DefaultZstdLevel) => _zstdLevel = zstdLevel;

    /// <summary>Room <see cref="TryCompress"/> needs for <paramref name="rawLength"/> bytes under any codec.</summary>
    public static int MaxCompressedLength(int rawLength) =>
        Math.Max(LZ4Codec.MaximumOutputSize(rawLength), Compressor.GetCompressBound(rawLength));

    /// <summary>Compresses <paramref name="raw"/> into <paramref name="destination"/> (sized by
    /// <see cref="MaxCompressedLength"/>); returns the length written, or -1 when it would not be smaller.</summary>
    public int TryCompress(JournalCompression codec, ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int written = codec switch
        {
            JournalCompression.Lz4 => LZ4Codec.Encode(raw, destination, LZ4Level.L00_FAST),
            JournalCompression.Zstd => (_zstdCompressor ??= new Compressor(_zstdLevel)).Wrap(raw, destination),
            _ => -1,
        };
        return written > 0 && written < raw.Length ? written : -1;
    }

    /// <summary>
    /// Decompresses <paramref name="stored"/> into exactly <paramref name="destination"/>; false when the bytes do not
    /// decode to that length (a crafted file or a writer bug: the checksum over the stored bytes has already passed).
    /// </summary>
    public bool TryDecompress(JournalCompression codec, ReadOnlySpan<byte> stored, Span<byte> destination)
    {
        switch (codec)
        {
            case JournalCompression.Lz4:
                return LZ4Codec.Decode(stored, destination) == destination.Length;
            case JournalCompression.Zstd:
                try
                {
                    return (_zstdDecompressor ??= new Decompressor()).Unwrap(stored, destination) == destination.Length;
                }
                catch (ZstdException)
                {
                    return false; // cold: only bytes that passed their checksum yet do not decode get here
                }

            default:
                return false;
        }
    }

    public void Dispose()
    {
        _zstdCompressor?.Dispose();
        _zstdDecompressor?.Dispose();
    }
}
