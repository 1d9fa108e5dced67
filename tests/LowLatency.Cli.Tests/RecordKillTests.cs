using LowLatency.Cli.Tests.Support;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Ticks.Journal;

namespace LowLatency.Cli.Tests;

/// <summary>
/// <c>record</c> killed outright (SIGKILL: no handler runs) at seeded random moments: nothing appears under the output's
/// name, and the temporary file it leaves holds every fully written block and every complete record of the torn one,
/// event for event what the generator made, with the torn rest reported. The next <c>record</c> to the same output removes it.
/// Run for each <c>--compression</c>: a torn compressed block gives back no records, a torn uncompressed one its complete ones.
/// </summary>
[Trait("Category", "FaultInjection")]
public sealed class RecordKillTests(ITestOutputHelper log)
{
    private const int Kills = 4;
    private const int RecordsPerBlock = 1024;
    private const int RecordBytes = 48;
    private const int BlockHeaderBytes = 40;

    [Theory]
    [InlineData("none")]
    [InlineData("lz4")]
    [InlineData("zstd")]
    public async Task Record_KilledAtRandomMoments_EveryCompleteBlockRecoveredAndNothingUnderTheFinalName(string compression)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGKILL is a POSIX signal.");
        }

        CancellationToken cancellation = TestContext.Current.CancellationToken;
        var random = new Random(2026);
        long recovered = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            using var dir = new TempDirectory();
            string output = dir.File("day.lltj");
            int delayMs = random.Next(0, 150);
            using (CliProcess record = CliProcess.Start("record", "--out", output, "--events", "1g", "--seed", "7", "--compression", compression))
            {
                // From the moment the header is on disk (a kill before it leaves an empty file, which holds nothing to lose).
                await record.WaitUntilAsync(_ => Directory.GetFiles(dir.Path, ".day.lltj.*.tmp") is [string temp] && new FileInfo(temp).Length > 0, "the journal header", cancellation);
                await Task.Delay(delayMs, cancellation);
                await record.SignalAndWaitForExitAsync("KILL", cancellation);
                Assert.Equal(137, record.ExitCode);
            }

            Assert.False(File.Exists(output), "a killed record must not leave a file under the output's name");
            string temp = Assert.Single(Directory.GetFiles(dir.Path, ".day.lltj.*.tmp"));
            recovered += AssertCompleteBlocksRecovered(temp, $"kill {kill} after {delayMs} ms");

            // The next record to the same output removes what the killed one left, and says so.
            using CliProcess again = CliProcess.Start("record", "--out", output, "--events", "1000");
            await again.WaitForExitAsync("a short record", cancellation);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Contains("warning: removed " + temp, again.Error, StringComparison.Ordinal);
            Assert.Equal(["day.lltj"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
        }

        log.WriteLine($"record --compression {compression} SIGKILL: {Kills} kills, {recovered:N0} events recovered, each equal to the generator's, 0 lost");
    }

    /// <summary>Reads what a killed writer left: whole blocks only, each event equal to the generator's, and a torn
    /// remainder smaller than one block, reported. Returns the events recovered.</summary>
    private static long AssertCompleteBlocksRecovered(string journal, string what)
    {
        var symbols = new SymbolTable();
        using JournalReader reader = JournalReader.Open(journal, symbols);
        var expectedSymbols = new SymbolTable();
        var generator = new MarketEventGenerator(expectedSymbols, new MarketEventGeneratorOptions { Seed = 7 });
        var e = default(MarketEvent);
        var expected = default(MarketEvent);
        long events = 0;
        while (reader.TryRead(ref e))
        {
            generator.Next(ref expected);
            Assert.True(
                e.TimestampNs == expected.TimestampNs && e.Price == expected.Price && e.Size == expected.Size && e.Kind == expected.Kind
                    && symbols.GetName(e.Symbol) == expectedSymbols.GetName(expected.Symbol),
                $"{what}: event {events} differs from the generator's");
            events++;
        }

        // Whole blocks, verified by their checksums, plus the complete records of the torn block (unverified, but the
        // comparison above checked each against the generator).
        long verified = events - reader.UnverifiedTailRecords;
        Assert.True(verified % RecordsPerBlock == 0, $"{what}: {verified} verified events is not a whole number of blocks");
        Assert.True(reader.DroppedBytes < BlockHeaderBytes + (RecordsPerBlock * RecordBytes), $"{what}: {reader.DroppedBytes} bytes dropped, more than one block");
        if (reader.DroppedBytes > 0)
        {
            Assert.Contains(reader.Losses.Damage, line => line.Contains("journal ends in a partial block at byte", StringComparison.Ordinal));
        }

        return events;
    }
}
