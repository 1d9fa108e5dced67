namespace LowLatency.Cli.Tests;

/// <summary><c>--symbol-capacity</c> on every command that builds a symbol table, and the one line a full table gives.</summary>
public sealed class SymbolCapacityOptionTests
{
    [Theory]
    [InlineData("run --events 10")]
    [InlineData("replay whatever.lltj")]
    [InlineData("record --out whatever.lltj")]
    [InlineData("convert whatever.csv --out whatever.lltj")]
    [InlineData("bridge consume --brokers 127.0.0.1:9 --topic t --group g")]
    [InlineData("bridge publish --brokers 127.0.0.1:9 --topic t")]
    public void SymbolCapacity_OutOfRange_ExitTwoNamingTheOptionOnEveryCommand(string command)
    {
        foreach (string bad in (string[])["0", "-1", "1048577", "lots"])
        {
            var (exit, output, error) = CliRunner.Run([.. command.Split(' '), "--symbol-capacity", bad]);

            Assert.Equal(2, exit);
            Assert.Equal($"error: --symbol-capacity: '{bad}' is not a whole number from 1 to 1,048,576 (examples: 1000000, 1_000_000, 10k, 5m).", error.Split('\n')[0]);
            Assert.Equal("", output);
        }
    }

    [Fact]
    public void Replay_ElevenHundredSymbols_FitTheDefaultCapacity()
    {
        using var dir = new TempDirectory();
        string csv = ManySymbols(dir, 1_100);

        var (exit, output, error) = CliRunner.Run("replay", csv);

        Assert.True(exit == 0, error);
        Assert.Matches(@"strategy\s+1,100\s+0", output);
    }

    [Fact]
    public void Replay_MoreSymbolsThanTheCapacity_OneLineNamingCapacityAndOptionExitOne()
    {
        using var dir = new TempDirectory();
        string csv = ManySymbols(dir, 40);

        var (exit, output, error) = CliRunner.Run("replay", csv, "--symbol-capacity", "32");

        Assert.Equal(1, exit);
        Assert.Equal(
            "error: the symbol table is full: its capacity of 32 symbols is reached, so 'S32' cannot be added; raise --symbol-capacity (e.g. to 64) and run again.",
            error.Split('\n')[0]);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Matches(@"strategy\s+3[0-2]\s+0", output); // the ticks before the 33rd symbol (less what was in flight)
    }

    [Fact]
    public void Run_MoreGeneratorSymbolsThanTheCapacity_OneLineExitOne()
    {
        var (exit, _, error) = CliRunner.Run("run", "--events", "100", "--symbols", "A,B,C,D,E", "--symbol-capacity", "4");

        Assert.Equal(1, exit);
        Assert.Equal(
            "error: the symbol table is full: its capacity of 4 symbols is reached, so 'E' cannot be added; raise --symbol-capacity (e.g. to 8) and run again.",
            error.TrimEnd());
    }

    [Fact]
    public void Record_MoreSymbolsThanTheCapacity_OneLineExitOneAndNoFile()
    {
        using var dir = new TempDirectory();
        string journal = dir.File("out.lltj");

        var (exit, _, error) = CliRunner.Run("record", "--out", journal, "--events", "100", "--symbols", "A,B,C", "--symbol-capacity", "2");

        Assert.Equal(1, exit);
        Assert.StartsWith("error: the symbol table is full: its capacity of 2 symbols is reached, so 'C' cannot be added; raise --symbol-capacity", error, StringComparison.Ordinal);
        Assert.Equal([], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Convert_MoreSymbolsThanTheCapacity_OneLineExitOneAndNoOutput()
    {
        using var dir = new TempDirectory();
        string csv = ManySymbols(dir, 5);
        string journal = dir.File("out.lltj");

        var (exit, _, error) = CliRunner.Run("convert", csv, "--out", journal, "--symbol-capacity", "4");

        Assert.Equal(1, exit);
        Assert.Equal(
            "error: the symbol table is full: its capacity of 4 symbols is reached, so 'S4' cannot be added; raise --symbol-capacity (e.g. to 8) and run again.",
            error.TrimEnd());
        Assert.Equal([csv], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Convert_WithEnoughCapacity_KeepsEverySymbol()
    {
        using var dir = new TempDirectory();
        string csv = ManySymbols(dir, 5);

        var (exit, output, error) = CliRunner.Run("convert", csv, "--out", dir.File("out.lltj"), "--symbol-capacity", "5");

        Assert.True(exit == 0, error);
        Assert.Contains("into 5 events", output, StringComparison.Ordinal);
        Assert.Contains("symbols 5", output, StringComparison.Ordinal);
    }

    /// <summary>One trade of each of <paramref name="symbols"/> symbols S0, S1, ... in time order.</summary>
    private static string ManySymbols(TempDirectory dir, int symbols)
    {
        string csv = dir.File("many.csv");
        using var writer = new StreamWriter(csv);
        writer.WriteLine("timestamp,symbol,price,size");
        for (int i = 0; i < symbols; i++)
        {
            writer.WriteLine($"{1_700_000_000_000 + i},S{i},10.5,100");
        }

        return csv;
    }
}
