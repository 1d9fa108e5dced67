namespace LowLatency.Cli.Tests.Support;

/// <summary>What every rejected command line must look like.</summary>
internal static class CliAssert
{
    /// <summary>Exactly one "error: " line (equal to <paramref name="expected"/> unless null), at most a "Try '--help'."
    /// hint after it, and no stack trace.</summary>
    public static void OneErrorLine(string? expected, string error)
    {
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        if (expected is not null)
        {
            Assert.Equal(expected, lines[0]);
        }

        Assert.All(lines.Skip(1), line => Assert.Equal("Try '--help'.", line));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
