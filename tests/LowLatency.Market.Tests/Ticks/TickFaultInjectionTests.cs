using System.IO.Hashing;
using System.Runtime.InteropServices;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Tests.Ticks.Journal;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;
using LowLatency.Ticks.Journal;
using static LowLatency.Market.Tests.Ticks.Journal.JournalTestData;

namespace LowLatency.Market.Tests.Ticks;

/// <summary>
/// Seeded damage to real inputs: journals cut at random offsets (what a killed <c>record</c> leaves) and single flipped
/// bytes in a journal, a LEAN zip and a Binance gzip. Every run must end in an error, or in losses the reader reports,
/// or in exactly the clean run's events: never a silent success with different numbers. Each test counts its cases.
/// </summary>
[Trait("Category", "FaultInjection")]
public sealed class TickFaultInjectionTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ll-faults-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private enum Outcome
    {
        /// <summary>A <see cref="TickFormatException"/>: the damage was reported as bad input.</summary>
        Error,

        /// <summary>Read to the end, and the losses say what was skipped or cut.</summary>
        CountedLoss,

        /// <summary>Read to the end with no loss and the clean run's events (the byte was not part of the data).</summary>
        Unchanged,
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void JournalCutAtRandomOffsets_EveryCompleteRecordRecoveredAndTheRestReported(JournalCompression compression)
    {
        string clean = Path.Combine(_directory, "clean.lltj");
        MarketEvent[] written = WriteClassic(clean, 3_000, recordsPerBlock: 128, compression);
        var blocks = Blocks(clean);
        byte[] bytes = File.ReadAllBytes(clean);
        var random = new Random(20_13);
        string cut = Path.Combine(_directory, "cut.lltj");
        int tried = 0, headerCuts = 0, blockBoundaries = 0;

        for (int i = 0; i < 300; i++, tried++)
        {
            int length = random.Next(1, bytes.Length + 1);
            File.WriteAllBytes(cut, bytes[..length]);
            if (length < ThreeSymbolHeaderLength)
            {
                Assert.Throws<TickFormatException>(() => JournalReader.Open(cut, new SymbolTable(16)).Dispose());
                headerCuts++;
                continue;
            }

            using var reader = JournalReader.Open(cut, new SymbolTable(16));
            List<MarketEvent> read = ReadAll(reader);

            (int expected, bool onBoundary) = CompleteRecordsBefore(blocks, length, recordsPerBlock: 128, total: 3_000);
            AssertSameTicks(written.AsSpan(0, expected), read);
            blockBoundaries += onBoundary ? 1 : 0;
            Assert.Equal(onBoundary, reader.Losses.IsComplete);
            if (!onBoundary)
            {
                Assert.Contains($"; {expected:N0} events recovered", Assert.Single(reader.Losses.Damage), StringComparison.Ordinal);
            }
        }

        log.WriteLine($"journal ({compression}) cuts: {tried} tried, {headerCuts} inside the file header (error), {blockBoundaries} on a block boundary, 0 lost");
        Assert.Equal(300, tried);
    }

    [Theory]
    [MemberData(nameof(Compressions), MemberType = typeof(JournalTestData))]
    public void JournalWithOneFlippedByte_NeverASilentSuccess(JournalCompression compression)
    {
        string clean = Path.Combine(_directory, "clean.lltj");
        WriteClassic(clean, 3_000, recordsPerBlock: 128, compression);
        Tally tally = FlipBytes(clean, TickFormat.Journal, cases: 150, seed: 7);

        log.WriteLine($"journal ({compression}) flips: {tally}");
        Assert.Equal(300, tally.Tried);
    }

    [Fact]
    public void LeanZipWithOneFlippedByte_NeverASilentSuccess()
    {
        string source = SharedData.RequireTickFile("lean/equity/usa/tick/aig/20131007_trade.zip");
        string copy = Path.Combine(_directory, "equity", "usa", "tick", "aig", "20131007_trade.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(source, copy);
        Tally tally = FlipBytes(copy, TickFormat.Lean, cases: 40, seed: 11);

        log.WriteLine($"LEAN zip flips: {tally}");
        Assert.Equal(80, tally.Tried);
    }

    [Fact]
    public void BinanceGzipWithOneFlippedByte_NeverASilentSuccess()
    {
        string source = SharedData.RequireTickFile("hftbacktest/spot/btcusdt_20240808.gz");
        string copy = Path.Combine(_directory, "btcusdt_20240808.gz");
        File.Copy(source, copy);
        Tally tally = FlipBytes(copy, TickFormat.Binance, cases: 16, seed: 13);

        log.WriteLine($"Binance gzip flips: {tally}");
        Assert.Equal(32, tally.Tried);
    }

    // Flips one random byte per case (seeded) and reads the copy twice: strict, and skipping bad rows.
    private Tally FlipBytes(string path, TickFormat format, int cases, int seed)
    {
        byte[] clean = File.ReadAllBytes(path);
        (ulong cleanChecksum, long cleanEvents) = ReadChecksum(path, format, skip: false, out _);
        var random = new Random(seed);
        var tally = new Tally();
        try
        {
            for (int i = 0; i < cases; i++)
            {
                byte[] damaged = (byte[])clean.Clone();
                int offset = random.Next(damaged.Length);
                damaged[offset] ^= (byte)random.Next(1, 256);
                File.WriteAllBytes(path, damaged);
                foreach (bool skip in new[] { false, true })
                {
                    Outcome outcome = Classify(path, format, skip, cleanChecksum, cleanEvents, offset);
                    tally.Add(outcome);
                    Assert.True(skip || outcome != Outcome.CountedLoss || format != TickFormat.Lean,
                        $"byte {offset}: a damaged LEAN entry must be an error unless skipping");
                }
            }
        }
        finally
        {
            File.WriteAllBytes(path, clean);
        }

        return tally;
    }

    private static Outcome Classify(string path, TickFormat format, bool skip, ulong cleanChecksum, long cleanEvents, int offset)
    {
        ulong checksum;
        long events;
        TickLosses losses;
        try
        {
            (checksum, events) = ReadChecksum(path, format, skip, out losses);
        }
        catch (TickFormatException)
        {
            return Outcome.Error;
        }

        if (!losses.IsComplete)
        {
            return Outcome.CountedLoss;
        }

        Assert.True(checksum == cleanChecksum && events == cleanEvents,
            $"silent success with different numbers: byte {offset} flipped, skip {skip}: {events} events (clean {cleanEvents})");
        return Outcome.Unchanged;
    }

    // Events and a checksum of every input field (symbols by name), read through the same path as the CLI.
    private static (ulong Checksum, long Events) ReadChecksum(string path, TickFormat format, bool skip, out TickLosses losses)
    {
        var symbols = new SymbolTable(64);
        using var merger = new TickMerger(TickSources.Open(path, symbols, new TickReadOptions { Format = format, SkipBadRows = skip }));
        var hash = new XxHash64();
        var e = new MarketEvent();
        long events = 0;
        Span<long> fields = stackalloc long[6];
        while (merger.TryRead(ref e))
        {
            fields[0] = e.TimestampNs;
            fields[1] = e.Price.Raw;
            fields[2] = e.Size.Raw;
            fields[3] = e.AskPrice.Raw;
            fields[4] = e.AskSize.Raw;
            fields[5] = ((long)e.Kind << 8) | (long)e.Flags;
            hash.Append(MemoryMarshal.AsBytes(fields));
            hash.Append(MemoryMarshal.AsBytes(symbols.GetName(e.Symbol).AsSpan()));
            events++;
        }

        losses = merger.Losses;
        return (hash.GetCurrentHashAsUInt64(), events);
    }

    // WriteClassic's layout (blocks read from their headers): header, then full blocks of recordsPerBlock (the last one
    // partial), nothing in between. A cut inside a block keeps its complete records only when it is not compressed.
    private static (int Records, bool OnBoundary) CompleteRecordsBefore(
        List<(long Offset, int Length, JournalBlockType Type, JournalCompression Compression)> blocks, long length, int recordsPerBlock, int total)
    {
        int records = 0;
        bool onBoundary = length == blocks[0].Offset;
        foreach ((long offset, int blockLength, _, JournalCompression compression) in blocks)
        {
            int count = Math.Min(recordsPerBlock, total - records);
            if (offset + blockLength <= length)
            {
                records += count;
                onBoundary |= offset + blockLength == length;
                continue;
            }

            long intoPayload = length - offset - JournalFormat.BlockHeaderLength;
            if (compression == JournalCompression.None && intoPayload > 0)
            {
                records += (int)(intoPayload / JournalFormat.RecordLength);
            }

            break;
        }

        return (records, onBoundary);
    }

    private sealed class Tally
    {
        private readonly int[] _counts = new int[3];

        public int Tried => _counts.Sum();

        public void Add(Outcome outcome) => _counts[(int)outcome]++;

        public override string ToString() =>
            $"{Tried} runs tried (strict and skipping), errors {_counts[(int)Outcome.Error]}, counted losses {_counts[(int)Outcome.CountedLoss]}, " +
            $"unchanged {_counts[(int)Outcome.Unchanged]}, silent wrong 0";
    }
}
