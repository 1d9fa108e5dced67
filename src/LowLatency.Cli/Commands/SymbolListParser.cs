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
                if (part.Length > 32 || !part.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/'))
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
}
