using LowLatency.Cli.Tests.Support;
using LowLatency.Market;
using LowLatency.Market.Tests.Support;
using LowLatency.Ticks.Journal;

namespace LowLatency.Cli.Tests;

/// <summary><c>--compression</c> on the commands that write journals: the default, each value, and a bad value.</summary>
public sealed class JournalCompressionOptionTests
{
    [Theory]
    [InlineData("record")]
    [InlineData("convert")]
    public void Compression_BadValue_ExitTwoWithOneLineNamingTheOption(string command)
    {
        using var dir = new TempDirectory();
        string[] args = command == "record"
            ? ["record", "--out", dir.File("out.lltj"), "--events", "10", "--compression", "gzip"]
            : ["convert", "in.csv", "--out", dir.File("out.lltj"), "--compression", "gzip"];

        var (exit, _, error) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        CliAssert.OneErrorLine("error: --compression: 'gzip' is not one of None, Lz4, Zstd.", error);
        Assert.False(File.Exists(dir.File("out.lltj")));
    }

    [Theory]
    [InlineData(null, JournalCompression.Lz4)]
    [InlineData("none", JournalCompression.None)]
    [InlineData("LZ4", JournalCompression.Lz4)]
    [InlineData("zstd", JournalCompression.Zstd)]
    public void Record_Compression_WritesRecordBlocksSoAndReplaysEveryEvent(string? value, JournalCompression expected)
    {
        using var dir = new TempDirectory();
        string journal = dir.File("out.lltj");
        string[] compression = value is null ? [] : ["--compression", value];

        var record = CliRunner.Run(["record", "--out", journal, "--events", "5000", .. compression]);
        var replay = CliRunner.Run("replay", journal);

        Assert.Equal(0, record.ExitCode);
        Assert.Equal(expected, FirstRecordsBlockCompression(journal));
        Assert.Equal(0, replay.ExitCode);
        Assert.Matches(@"replayed\s+5,000 events", replay.Output);
    }

    [Fact]
    public void Convert_SharedSampleEachCodec_SameEventsSmallerFile()
    {
        string bac = SharedData.RequireTickFile("lean/equity/usa/tick/bac/20131007_quote.zip");
        using var dir = new TempDirectory();
        var lengths = new Dictionary<string, long>();
        List<MarketEvent>? first = null;
        foreach (string codec in (string[])["none", "lz4", "zstd"])
        {
            string journal = dir.File(codec + ".lltj");
            var convert = CliRunner.Run("convert", bac, "--out", journal, "--compression", codec);
            Assert.Equal(0, convert.ExitCode);
            lengths[codec] = new FileInfo(journal).Length;

            using var reader = JournalReader.Open(journal, new SymbolTable());
            var events = new List<MarketEvent>();
            MarketEvent e = default;
            while (reader.TryRead(ref e))
            {
                events.Add(e);
            }

            Assert.Contains($"into {events.Count:N0} events", convert.Output, StringComparison.Ordinal);
            first ??= events;
            Assert.Equal(first, events);
        }

        Assert.True(lengths["lz4"] < lengths["none"] / 4, $"lz4 {lengths["lz4"]:N0} bytes, none {lengths["none"]:N0}");
        Assert.True(lengths["zstd"] < lengths["lz4"], $"zstd {lengths["zstd"]:N0} bytes, lz4 {lengths["lz4"]:N0}");
    }

    private static JournalCompression FirstRecordsBlockCompression(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int offset = JournalFormat.HeaderSymbolsOffset;
        while (true)
        {
            int length = JournalFormat.BlockHeaderLength + BitConverter.ToInt32(bytes, offset + JournalFormat.BlockPayloadLengthOffset);
            if (BitConverter.ToUInt16(bytes, offset + JournalFormat.BlockTypeOffset) == (ushort)JournalBlockType.Records)
            {
                return (JournalCompression)bytes[offset + JournalFormat.BlockCompressionOffset];
            }

            offset += length;
        }
    }
}
