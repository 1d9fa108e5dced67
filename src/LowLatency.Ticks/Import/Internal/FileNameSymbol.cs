namespace LowLatency.Ticks.Import.Internal;

/// <summary>Derives a symbol from a file name, for inputs that name their instrument only there.</summary>
internal static class FileNameSymbol
{
    /// <summary>
    /// The leading ASCII letters and digits of the file name, upper-cased: <c>usdjpy-ticks.csv</c> → <c>USDJPY</c>,
    /// <c>spy.csv</c> → <c>SPY</c>. Empty when the name starts with anything else.
    /// </summary>
    public static string Derive(string path)
    {
        ReadOnlySpan<char> name = Path.GetFileName(path.AsSpan());
        int length = 0;
        while (length < name.Length && char.IsAsciiLetterOrDigit(name[length]))
        {
            length++;
        }

        return name[..length].ToString().ToUpperInvariant();
    }
}
