using System.Diagnostics;
using System.Globalization;
using LowLatency.Cli.Tests.Support;

namespace LowLatency.Cli.Tests;

/// <summary>Files the tool writes: never over an input (same path, symbolic or hard link), never half-written, and a
/// failure names the output the user gave, not the hidden temporary file.</summary>
public sealed class OutputFileTests : IDisposable
{
    private const string Ticks = "timestamp,symbol,price,size\n1700000000000,ABC,10.5,100\n1700000000001,ABC,10.6,100\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("same path")]
    [InlineData("symbolic link")]
    [InlineData("hard link")]
    public void Convert_OutIsTheInput_ExitTwoAndTheInputIsUntouched(string how)
    {
        string input = _dir.File("u.csv");
        File.WriteAllText(input, Ticks);
        string output = how switch
        {
            "same path" => input,
            "symbolic link" => File.CreateSymbolicLink(_dir.File("link.csv"), input).FullName,
            _ => HardLink(input, _dir.File("hard.csv")),
        };

        var (exit, stdout, error) = CliRunner.Run("convert", input, "--out", output);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        CliAssert.OneErrorLine(how == "same path"
            ? $"error: --out: '{input}' is an input; it would be overwritten."
            : $"error: --out: '{output}' is the same file as the input '{input}' (a link); it would be overwritten.", error);
        Assert.Equal(Ticks, File.ReadAllText(input));
        string[] expected = how switch
        {
            "same path" => ["u.csv"],
            "symbolic link" => ["link.csv", "u.csv"],
            _ => ["hard.csv", "u.csv"],
        };
        Assert.Equal(expected, Names()); // no journal, no temporary file
    }

    [Theory]
    [InlineData("--fills-out")]
    [InlineData("--signals-out")]
    public void Replay_CsvOutputHardLinkedToTheInput_ExitTwoAndTheInputIsUntouched(string option)
    {
        string input = _dir.File("u.csv");
        File.WriteAllText(input, Ticks);
        string output = HardLink(input, _dir.File("hard.csv"));

        var (exit, _, error) = CliRunner.Run("replay", input, option, output);

        Assert.Equal(2, exit);
        CliAssert.OneErrorLine($"error: {option}: '{output}' is the same file as the input '{input}' (a link); it would be overwritten.", error);
        Assert.Equal(Ticks, File.ReadAllText(input));
    }

    [Theory]
    [InlineData("convert")]
    [InlineData("record")]
    public void Out_FolderNotWritable_OneLineNamingTheOutputNotTheTemporaryFile(string command)
    {
        string input = _dir.File("u.csv");
        File.WriteAllText(input, Ticks);
        string output = Path.Combine(NotWritableFolder(), "day.lltj");
        string[] args = command == "convert" ? ["convert", input, "--out", output] : ["record", "--out", output, "--events", "10"];

        var (exit, stdout, error) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        CliAssert.OneErrorLine($"error: --out {output}: cannot write: permission denied.", error);
    }

    [Fact]
    public void Out_ExistingFolder_ExitTwoNamingIt()
    {
        var (exit, _, error) = CliRunner.Run("record", "--out", _dir.Path, "--events", "10");

        Assert.Equal(2, exit);
        CliAssert.OneErrorLine($"error: --out {_dir.Path}: is a folder; give a file name.", error);
    }

    [Fact]
    public void Record_StaleTemporaryFileOfAKilledRun_RemovedAndReported()
    {
        int dead = ExitedProcessId();
        string stale = _dir.File($".day.lltj.{dead}.tmp");
        File.WriteAllBytes(stale, new byte[1234]);
        string other = _dir.File($".other.lltj.{dead}.tmp"); // another output's: not this run's business
        File.WriteAllBytes(other, new byte[10]);

        var (exit, _, error) = CliRunner.Run("record", "--out", _dir.File("day.lltj"), "--events", "10");

        Assert.Equal(0, exit);
        Assert.Equal($"warning: removed {stale} (1,234 bytes), the unfinished output of an earlier run (process {dead}) that was killed.\n", error);
        Assert.Equal([".other.lltj." + dead + ".tmp", "day.lltj"], Names());
    }

    [Fact]
    public void Record_TemporaryFileOfARunningProcess_LeftAloneAndReported()
    {
        using Process running = Process.Start("sleep", "30");
        try
        {
            string busy = _dir.File($".day.lltj.{running.Id}.tmp");
            File.WriteAllBytes(busy, new byte[5]);

            var (exit, _, error) = CliRunner.Run("record", "--out", _dir.File("day.lltj"), "--events", "10");

            Assert.Equal(0, exit);
            Assert.Equal($"warning: {busy} (5 bytes) belongs to process {running.Id}, which is running; left alone.\n", error);
            Assert.Equal([$".day.lltj.{running.Id}.tmp", "day.lltj"], Names());
        }
        finally
        {
            running.Kill();
        }
    }

    private string[] Names() => [.. Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private static string HardLink(string target, string link)
    {
        using Process ln = Process.Start("ln", [target, link]);
        Assert.True(ln.WaitForExit(TimeSpan.FromSeconds(30)) && ln.ExitCode == 0, "ln failed");
        return link;
    }

    /// <summary>A folder this process cannot create files in: a read-only one, or /sys when running as root (root
    /// writes through file modes).</summary>
    private string NotWritableFolder()
    {
        string folder = Directory.CreateDirectory(_dir.File("ro")).FullName;
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes and /sys.");
        }
        else
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "");
            File.Delete(Path.Combine(folder, "probe"));
            return "/sys";
        }
        catch (UnauthorizedAccessException)
        {
            return folder;
        }
    }

    /// <summary>The PID of a process that has exited (and, a moment later, is very unlikely to be reused).</summary>
    private static int ExitedProcessId()
    {
        using Process done = Process.Start("true");
        Assert.True(done.WaitForExit(TimeSpan.FromSeconds(30)));
        int id = done.Id;
        Assert.False(Directory.Exists("/proc/" + id.ToString(CultureInfo.InvariantCulture)));
        return id;
    }
}
