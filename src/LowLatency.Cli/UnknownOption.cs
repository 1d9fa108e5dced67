using System.CommandLine;
using System.CommandLine.Parsing;

namespace LowLatency.Cli;

/// <summary>
/// A token that looks like an option ("-x", "--foo") but is none of the command's. System.CommandLine would take it
/// as an input file (replay then says "file not found", exit 3) or as an unmatched argument; either way the user
/// mistyped an option, so it is reported as one, with the nearest real option. A file really named "-x" is passed as
/// "./-x" or after "--".
/// </summary>
internal static class UnknownOption
{
    /// <summary>"unknown option '--foo' for replay; did you mean --format?"; null when every such token is an option
    /// or an option's value.</summary>
    public static string? Describe(ParseResult parse)
    {
        CommandResult command = parse.CommandResult;
        var commandArguments = command.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (Token token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                return null; // everything after "--" is literal
            }

            bool stray = commandArguments.Contains(token) || parse.UnmatchedTokens.Contains(token.Value);
            if (token.Type == TokenType.Argument && stray && token.Value.Length > 1 && token.Value[0] == '-')
            {
                string? nearest = Nearest(token.Value, command.Command);
                return $"unknown option '{token.Value}' for {CommandPath(command)}{(nearest is null ? "." : $"; did you mean {nearest}?")}";
            }
        }

        return null;
    }

    /// <summary>The option the typed name most likely meant: fewest edits, where a slip in a shortened name ("--fo"
    /// for --format) costs one more than the slip; ties go to the longer common start. Null when nothing is close.</summary>
    private static string? Nearest(string typed, Command command)
    {
        string? best = null;
        int bestScore = int.MaxValue, bestPrefix = -1;
        foreach (string name in command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)))
        {
            int score = Math.Min(Distance(typed, name), typed.Length < name.Length ? Distance(typed, name[..typed.Length]) + 1 : int.MaxValue);
            int prefix = CommonPrefix(typed, name);
            if (score < bestScore || (score == bestScore && prefix > bestPrefix))
            {
                (best, bestScore, bestPrefix) = (name, score, prefix);
            }
        }

        // The dashes match for free, so judge closeness on the name after them.
        int length = typed.TrimStart('-').Length;
        return bestScore <= Math.Max(1, (length + 1) / 2) ? best : null;
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) from <paramref name="a"/> to <paramref name="b"/>.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static int CommonPrefix(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent && parent.Parent is not null ? CommandPath(parent) + " " + command.Command.Name : command.Command.Name;
}
