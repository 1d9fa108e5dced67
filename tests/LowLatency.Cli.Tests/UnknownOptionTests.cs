using LowLatency.Cli.Tests.Support;

namespace LowLatency.Cli.Tests;

/// <summary>A token that starts with '-' and is no option of the command is a mistyped option, not an input file.</summary>
public sealed class UnknownOptionTests
{
    [Theory]
    [InlineData("replay --foo x", "error: unknown option '--foo' for replay; did you mean --format?")]
    [InlineData("run --evnts 5", "error: unknown option '--evnts' for run; did you mean --events?")]
    [InlineData("replay in.csv --sybmols ABC", "error: unknown option '--sybmols' for replay; did you mean --symbols?")]
    [InlineData("replay in.csv --fill-out f.csv", "error: unknown option '--fill-out' for replay; did you mean --fills-out?")]
    [InlineData("convert in.csv --ot out.lltj", "error: unknown option '--ot' for convert; did you mean --out?")]
    [InlineData("bridge consume --brokers h:1 --topic t --group g --max-event 5", "error: unknown option '--max-event' for bridge consume; did you mean --max-events?")]
    [InlineData("run --xyzzy", "error: unknown option '--xyzzy' for run.")]
    [InlineData("run -5", "error: unknown option '-5' for run.")]
    public void UnknownOption_OneLineWithTheNearestOption_ExitTwo(string arguments, string expected)
    {
        var (exit, output, error) = CliRunner.Run(arguments.Split(' '));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        CliAssert.OneErrorLine(expected, error);
    }

    [Fact]
    public void AfterDoubleDash_DashNameIsAnInputFile()
    {
        var (exit, _, error) = CliRunner.Run("replay", "--", "-no-such-file.csv");

        Assert.Equal(3, exit);
        CliAssert.OneErrorLine("error: -no-such-file.csv: file not found", error);
    }

    [Fact]
    public void OptionValueStartingWithDash_IsTheValueNotAnUnknownOption()
    {
        var (exit, _, error) = CliRunner.Run("run", "--events", "-5");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: --events: '-5' is not a whole number", error, StringComparison.Ordinal);
    }
}
