using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LowLatency.Benchmarks.Columns;
using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;
using LowLatency.Ticks.Journal;

namespace LowLatency.Benchmarks.Ticks;

/// <summary>
/// The journal's block codecs on real ticks: each shared file is read, encoded as journal records in blocks of
/// <see cref="JournalFormat.DefaultRecordsPerBlock"/>, and one invocation compresses or decompresses one block (cycling
/// through the file), so one operation is one tick: Events/s = ticks/s, and MB/s of records = ticks/s × 48.
/// The Stored column is the file's compressed records over its raw records (block payloads only, headers excluded).
/// Run: <c>dotnet run -c Release --project bench/LowLatency.Benchmarks -- --filter '*JournalCodec*'</c>.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[MedianColumn]
public class JournalCodecBenchmarks
{
    private const int RecordsPerBlock = JournalFormat.DefaultRecordsPerBlock;

    private byte[][] _raw = [];
    private byte[][] _stored = [];
    private byte[] _scratch = [];
    private JournalBlockCodec? _codec;
    private JournalCompression _compression;
    private int _next;

    // Short names for the summary table.
    private static readonly Dictionary<string, string> s_files = new()
    {
        ["spy-trade"] = "lean/equity/usa/tick/spy/20131008_trade.zip",
        ["bac-quote"] = "lean/equity/usa/tick/bac/20131007_quote.zip",
        ["binance-spot"] = "hftbacktest/spot/btcusdt_20240808.gz",
    };

    /// <summary>Shared tick files (under ../shared/data/ticks): the LEAN SPY 2013-10-08 trade day, the LEAN BAC 2013-10-07
    /// quote day, the Binance spot BTCUSDT capture (trades and book tickers).</summary>
    [Params("spy-trade", "bac-quote", "binance-spot")]
    public string File { get; set; } = "";

    /// <summary>lz4 (LZ4 fast, the writers' default), zstd1 and zstd3 (Zstandard levels 1 and 3).</summary>
    [Params("lz4", "zstd1", "zstd3")]
    public string Codec { get; set; } = "";

    /// <summary>The micro job plus the Stored column.</summary>
    public sealed class Config : ManualConfig
    {
        public Config()
        {
            Add(new MicroConfig());
            AddColumn(new StoredRatioColumn());
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        (_compression, _codec) = CreateCodec(Codec);
        _raw = RawBlocks(File);
        _scratch = new byte[JournalBlockCodec.MaxCompressedLength(RecordsPerBlock * JournalFormat.RecordLength)];
        _stored = [.. _raw.Select(Compress)];
    }

    [Benchmark(OperationsPerInvoke = RecordsPerBlock)]
    public int CompressBlock()
    {
        byte[] raw = _raw[Next()];
        return _codec!.TryCompress(_compression, raw, _scratch);
    }

    [Benchmark(OperationsPerInvoke = RecordsPerBlock)]
    public bool DecompressBlock()
    {
        int block = Next();
        return _codec!.TryDecompress(_compression, _stored[block], _scratch.AsSpan(0, _raw[block].Length));
    }

    [GlobalCleanup]
    public void Cleanup() => _codec?.Dispose();

    /// <summary>Compressed records bytes over raw records bytes for one file and codec (the Stored column).</summary>
    public static double StoredRatio(string file, string codecName)
    {
        (JournalCompression compression, JournalBlockCodec codec) = CreateCodec(codecName);
        using (codec)
        {
            byte[][] raw = RawBlocks(file);
            byte[] scratch = new byte[JournalBlockCodec.MaxCompressedLength(RecordsPerBlock * JournalFormat.RecordLength)];
            long rawBytes = 0;
            long storedBytes = 0;
            foreach (byte[] block in raw)
            {
                int written = codec.TryCompress(compression, block, scratch);
                rawBytes += block.Length;
                storedBytes += written > 0 ? written : block.Length;
            }

            return (double)storedBytes / rawBytes;
        }
    }

    private int Next()
    {
        int block = _next;
        _next = block + 1 == _raw.Length ? 0 : block + 1;
        return block;
    }

    private byte[] Compress(byte[] raw)
    {
        int written = _codec!.TryCompress(_compression, raw, _scratch);
        return written > 0 ? _scratch[..written] : throw new InvalidOperationException($"{File}: a block did not compress");
    }

    private static (JournalCompression, JournalBlockCodec) CreateCodec(string name) => name switch
    {
        "lz4" => (JournalCompression.Lz4, new JournalBlockCodec()),
        "zstd1" => (JournalCompression.Zstd, new JournalBlockCodec(zstdLevel: 1)),
        "zstd3" => (JournalCompression.Zstd, new JournalBlockCodec(zstdLevel: 3)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "codec: lz4, zstd1 or zstd3"),
    };

    // Full blocks only, so every operation is exactly RecordsPerBlock ticks; symbol ids are the fresh table's.
    private static byte[][] RawBlocks(string file)
    {
        string relativePath = s_files[file];
        string path = TickSamples.SharedTickFile(relativePath)
            ?? throw new InvalidOperationException($"The shared tick file {relativePath} (../shared/data/ticks) is not beside the repository.");
        var blocks = new List<byte[]>();
        var block = new byte[RecordsPerBlock * JournalFormat.RecordLength];
        int records = 0;
        var e = default(MarketEvent);
        foreach (ITickSource source in TickSources.Open(path, new SymbolTable(), new TickReadOptions()))
        {
            using (source)
            {
                while (source.TryRead(ref e))
                {
                    JournalRecord.Write(block.AsSpan(records * JournalFormat.RecordLength), in e, e.Symbol.Value);
                    if (++records == RecordsPerBlock)
                    {
                        blocks.Add(block);
                        block = new byte[block.Length];
                        records = 0;
                    }
                }
            }
        }

        return [.. blocks];
    }
}
