using System.CommandLine.Parsing;

namespace LowLatency.Cli.Commands;

/// <summary>Parses "AAPL,MSFT" (or repeated values) into distinct upper-case symbols.</summary>
internal static class SymbolListParser
{
    public static string[]? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var symbols = new List<string>();
        foreach (Token token in result.Tokens)
        {
            foreach (string part in token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!IsSymbol(part))
                {
                    result.AddError($"{OptionParsers.OptionName(result)}: '{part}' is not a symbol (letters, digits, . - _ / and at most 32 characters).");
                    return null;
                }

                string symbol = part.ToUpperInvariant();
                if (symbols.Contains(symbol))
                {
                    result.AddError($"{OptionParsers.OptionName(result)}: '{symbol}' is listed twice.");
                    return null;
                }

                symbols.Add(symbol);
            }
        }

        if (symbols.Count == 0)
        {
            result.AddError($"{OptionParsers.OptionName(result)}: give at least one symbol.");
            return null;
        }

        return [.. symbols];
    }

    /// <summary>Letters, digits, . - _ / and at most 32 characters.</summary>
    public static bool IsSymbol(string text) =>
        text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/');

    /// <summary>One symbol (<c>--symbol</c>), as given.</summary>
    public static string? ParseOne(ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (IsSymbol(text))
        {
            return text;
        }

        result.AddError($"{OptionParsers.OptionName(result)}: '{text}' is not a symbol (letters, digits, . - _ / and at most 32 characters).");
        return null;
    }
}
