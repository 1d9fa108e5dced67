using LowLatency.Cli.Tests.Support;

namespace LowLatency.Cli.Tests;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM on a real <c>lowlatency</c> process while it writes a journal: the hidden temporary
/// file is removed, nothing appears under the output's name, and the exit code is 128 + the signal.
/// </summary>
[Trait("Category", "FaultInjection")]
public sealed class AtomicFileProcessTests
{
    [Fact]
    public async Task Record_SigtermMidWrite_Exit143AndNoFileLeft()
    {
        SkipUnlessPosix();
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        string output = dir.File("day.lltj");

        // A billion events would take minutes; the signal goes as soon as the temporary file exists.
        using CliProcess record = CliProcess.Start("record", "--out", output, "--events", "1g");
        await record.WaitUntilAsync(_ => Directory.GetFiles(dir.Path, ".day.lltj.*.tmp").Length == 1, "the temporary file", cancellation);
        await record.SignalAndWaitForExitAsync("TERM", cancellation);

        Assert.True(record.ExitCode == 143, $"exit code {record.ExitCode}:\n{record}");
        Assert.Matches(@"^interrupted by SIGTERM: .*day\.lltj was not written \(its partial temporary file was removed\); [0-9,]+ of 1,000,000,000 events had been recorded\.\n$", record.Error);
        Assert.Equal("", record.Output);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Convert_SigintWhileReadingAPipe_Exit130AndNoFileLeft()
    {
        SkipUnlessPosix();
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        string pipe = dir.File("ticks.pipe");
        using (System.Diagnostics.Process mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            Assert.True(mkfifo.WaitForExit(TimeSpan.FromSeconds(30)) && mkfifo.ExitCode == 0);
        }

        string output = dir.File("day.lltj");
        using CliProcess convert = CliProcess.Start("convert", pipe, "--format", "Csv", "--out", output);

        // The pipe opens once the tool reads it; rows arrive slowly, as from a download or a decompressor.
        await using (FileStream writer = await Task.Run(() => new FileStream(pipe, FileMode.Open, FileAccess.Write), cancellation).WaitAsync(CliProcess.Timeout, cancellation))
        await using (var rows = new StreamWriter(writer) { AutoFlush = true })
        {
            // Enough rows to get past the readers' buffers, so the journal is being written when the signal comes.
            await rows.WriteAsync("timestamp,symbol,price,size\n".AsMemory(), cancellation);
            for (int i = 0; i < 100_000; i++)
            {
                await rows.WriteAsync($"{1_700_000_000_000 + i},ABC,10.5,100\n".AsMemory(), cancellation);
            }

            await convert.WaitUntilAsync(_ => Directory.GetFiles(dir.Path, ".day.lltj.*.tmp").Length == 1, "the temporary file", cancellation);
            await convert.SignalAsync("INT", cancellation);

            // The tool waits in a read of the pipe; its signal handler runs at once, and the end of the pipe (a
            // moment later) wakes the read so the stop is seen.
            await Task.Delay(500, cancellation);
        }

        await convert.WaitForExitAsync("SIGINT and the end of the pipe", cancellation);
        Assert.True(convert.ExitCode == 130, $"exit code {convert.ExitCode}:\n{convert}");
        Assert.Matches(@"^interrupted by SIGINT: .*day\.lltj was not written \(its partial temporary file was removed\); [0-9,]+ events had been converted\.\n$", convert.Error);
        Assert.Equal(["ticks.pipe"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    private static void SkipUnlessPosix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGINT and SIGTERM are POSIX signals.");
        }
    }
}
