namespace LowLatency.Cli.Tests.Support;

/// <summary>Reads the output of the <c>strategies</c> command.</summary>
internal static class StrategyListing
{
    /// <summary>Each strategy's heading ("name" or "name (default)") -> its parameter names, in the listed order.</summary>
    public static Dictionary<string, string[]> ParameterNames(string output) =>
        output.Split("\n\n").SkipLast(1).Select(block => block.Split('\n')).ToDictionary(
            lines => lines[0],
            lines => lines.Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim().Split(' ')[0]).ToArray());
}
